/**
 * `npm run screenshots`: every page of the portal in both languages, at desktop (1280 px) and phone
 * (390 px) width, as a patron, a counter clerk and an administrator would see them, written to
 * screenshots/<language>/<width>/<page>.png (not committed) for a person to look at. The server runs
 * on a new database of demo data, as `npm start` would show it.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../src/test-support/server-process.js';
import { LOCALES, type Locale } from '../src/domain/shared/locale.js';
import { PATRON_JOURNEYS } from './screenshot-journeys/patron-journeys.js';
import { STAFF_JOURNEYS } from './screenshot-journeys/staff-journeys.js';

const OUT = 'screenshots';
const WIDTHS = [1280, 390];
const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

// In this order: the last staff journey shows the patron what the administrator's journey did.
const JOURNEYS = [...PATRON_JOURNEYS, ...STAFF_JOURNEYS];

// `npm run screenshots -- audit accounts`: only the pages whose names hold one of the words, for a quick look at a few.
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.some((word) => name.includes(word));

async function shoot(context: BrowserContext, url: string, locale: Locale, width: number): Promise<number> {
  let count = 0;
  for (const journey of JOURNEYS) {
    if (!journey.pages.some(([name]) => wanted(name))) continue;
    await context.clearCookies();
    await context.addCookies([{ name: 'myrecord.lang', value: locale, url }]);
    const page = await context.newPage();
    await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
    if (journey.start) await journey.start(page);
    for (const [name, visit] of journey.pages) {
      if (!wanted(name)) continue;
      await visit(page);
      const dir = join(OUT, locale, String(width));
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, `${journey.who}--${name}.png`), fullPage: true });
      count++;
    }
    await page.close();
  }
  return count;
}

const dir = mkdtempSync(join(tmpdir(), 'myrecord-screenshots-'));
const server = await startServerProcess({ DATABASE_FILE: join(dir, 'db.sqlite'), MAIL_OUTBOX_DIR: join(dir, 'outbox'), BCRYPT_COST: '4' });
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  let total = 0;
  for (const locale of LOCALES) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ baseURL: server.url });
      total += await shoot(context, server.url, locale, width);
      await context.close();
    }
  }
  console.log(`${total} screenshots in ${OUT}/`);
} finally {
  await browser.close();
  await server.stop();
}
