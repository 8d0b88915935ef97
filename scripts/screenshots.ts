/**
 * `npm run screenshots`: every page of the portal in both languages, at desktop (1280 px) and phone
 * (390 px) width, as a patron, a counter clerk and an administrator would see them, written to
 * screenshots/<language>/<width>/<page>.png (not committed) for a person to look at. The server runs
 * on a new database of demo data, as `npm start` would show it.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../src/test-support/server-process.js';
import { LOCALES, type Locale } from '../src/domain/shared/locale.js';
import { DEMO_CATALOGUE_FILE } from '../src/demo/demo-circulation.js';
import { parseCsv } from '../src/lib/csv.js';

const OUT = 'screenshots';
const WIDTHS = [1280, 390];
const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

type Visit = (page: Page) => Promise<void>;

async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
}

async function logIn(page: Page, barcode: string, pin: string): Promise<void> {
  await page.goto('/login');
  await page.locator('#barcode').fill(barcode);
  await page.locator('#pin').fill(pin);
  await submit(page, 'main button[type=submit]');
}

async function staffLogIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/staff/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await submit(page, 'main button[type=submit]');
}

/** The first copy of a title in the demo catalogue: books on the shelf for the counter's pages. */
function firstCopyOf(title: string): string {
  const parsed = parseCsv(readFileSync(DEMO_CATALOGUE_FILE, 'utf8'));
  if (!parsed.ok) throw new Error('the demo catalogue does not parse');
  const [header, ...rows] = parsed.records.map((r) => r.values);
  const row = rows.find((values) => values[header!.indexOf('title')] === title);
  if (!row) throw new Error(`no demo copy of "${title}"`);
  return row[header!.indexOf('item_barcode')]!;
}
const SHELF_BOOKS = [firstCopyOf('Jane Eyre'), firstCopyOf('Wuthering Heights')];

/** A scan at the counter: the barcode into a box, then Enter. */
async function scan(page: Page, selector: string, barcode: string): Promise<void> {
  await page.locator(selector).fill(barcode);
  await Promise.all([page.waitForEvent('load'), page.locator(selector).press('Enter')]);
}

/** Who looks, and which pages: each visit leaves the page to photograph on screen. */
const JOURNEYS: Array<{ who: string; start?: Visit; pages: Array<[string, Visit]> }> = [
  {
    who: 'visitor',
    pages: [
      ['login', (p) => p.goto('/login').then(() => undefined)],
      [
        'login-failed',
        async (p) => {
          await p.goto('/login');
          await p.locator('#barcode').fill('21000004');
          await p.locator('#pin').fill('WRONG1');
          await submit(p, 'main button[type=submit]');
        },
      ],
      ['forgot', (p) => p.goto('/pin/forgot').then(() => undefined)],
      [
        'forgot-sent',
        async (p) => {
          await p.goto('/pin/forgot');
          await p.locator('#barcode').fill('21000002');
          await submit(p, 'main button[type=submit]');
        },
      ],
      ['reset-gone', (p) => p.goto(`/pin/reset/${'A'.repeat(43)}`).then(() => undefined)],
      ['staff-login', (p) => p.goto('/staff/login').then(() => undefined)],
      ['not-found', (p) => p.goto('/no/such/page').then(() => undefined)],
    ],
  },
  {
    who: 'patron-default-pin',
    start: (p) => logIn(p, '21000003', '110105'),
    pages: [
      ['modify-pin-first', (p) => p.goto('/pin/modify').then(() => undefined)],
      [
        'modify-pin-errors',
        async (p) => {
          await p.goto('/pin/modify');
          await p.locator('#current_pin').fill('110105');
          await p.locator('#new_pin').fill('aaa1');
          await p.locator('#confirm_pin').fill('aaa2');
          await submit(p, 'main button[type=submit]');
        },
      ],
    ],
  },
  {
    who: 'patron',
    start: (p) => logIn(p, '21000004', 'K7M2P9'),
    pages: [
      ['home', (p) => p.goto('/myrecord').then(() => undefined)],
      ['circulation', (p) => p.goto('/myrecord/circulation').then(() => undefined)],
      ['renew', (p) => p.goto('/myrecord/renew').then(() => undefined)],
      // "Renew all" as the form sends it, even once nothing is left to renew (the button is then not shown): the results in words.
      [
        'renew-results',
        async (p) => {
          await p.goto('/myrecord/renew');
          await p.locator('main form[action="/myrecord/renew"]').evaluate((form: HTMLFormElement) => {
            form.insertAdjacentHTML('beforeend', '<input type="hidden" name="all" value="yes">');
            form.submit();
          });
          await p.locator('#results-title').waitFor();
        },
      ],
      [
        'menu-open',
        async (p) => {
          await p.goto('/myrecord');
          const menu = p.locator('.patron-nav__narrow summary');
          if (await menu.isVisible()) await menu.click();
        },
      ],
      [
        'cancel-request',
        async (p) => {
          await p.goto('/myrecord/circulation');
          await submit(p, 'main a[href^="/myrecord/requests/"]');
        },
      ],
      ['catalogue-search', (p) => p.goto('/catalogue?q=dickens').then(() => undefined)],
      [
        'catalogue-record',
        async (p) => {
          await p.goto('/catalogue?q=dickens');
          await submit(p, 'main ol a, main ul a');
        },
      ],
      ['catalogue-empty', (p) => p.goto('/catalogue?q=').then(() => undefined)],
      ['catalogue-no-match', (p) => p.goto('/catalogue?q=dikcens+zebra').then(() => undefined)],
      ['catalogue-pages', (p) => p.goto('/catalogue?q=the&page=5').then(() => undefined)],
      [
        'catalogue-record-on-loan',
        async (p) => {
          await p.goto('/catalogue?q=pride+prejudice');
          await submit(p, 'main ol a');
        },
      ],
      [
        'catalogue-record-requested',
        async (p) => {
          await p.goto('/catalogue?q=crime+punishment');
          await submit(p, 'main ol a');
        },
      ],
      ['modify-pin', (p) => p.goto('/pin/modify').then(() => undefined)],
      // A book on our own shelf, asked of another library by title and author: refused, with its record linked.
      [
        'ill-held-here',
        async (p) => {
          await p.goto('/myrecord/ill/new?kind=book');
          await p.locator('#title').fill('Oliver Twist');
          await p.locator('#author').fill('Charles Dickens');
          await p.locator('#not_needed_after').fill('2099-12-31');
          await submit(p, 'main button[type=submit]');
        },
      ],
      // iBooking: her bookings (her own, and one she is invited to), today's day view, and the step before cancelling.
      ['bookings', (p) => p.goto('/myrecord/bookings').then(() => undefined)],
      ['booking-day', (p) => p.goto('/myrecord/bookings/day').then(() => undefined)],
      [
        'booking-cancel',
        async (p) => {
          await p.goto('/myrecord/bookings');
          await submit(p, 'main a[href$="/cancel"]');
        },
      ],
    ],
  },
  {
    who: 'facilities',
    start: (p) => staffLogIn(p, 'facilities', 'demo-facilities-password'),
    pages: [['staff-bookings', (p) => p.goto('/staff/bookings').then(() => undefined)]],
  },
  {
    who: 'admin',
    start: (p) => staffLogIn(p, 'admin', 'demo-admin-password'),
    pages: [
      ['staff-search', (p) => p.goto('/staff?q=wong').then(() => undefined)],
      ['staff-patron', (p) => p.goto('/staff/patrons/21000004').then(() => undefined)],
      ['staff-register', (p) => p.goto('/staff/register').then(() => undefined)],
      [
        'staff-register-refused',
        async (p) => {
          await p.goto('/staff/register');
          await p.locator('#barcode').fill('ABC');
          await p.locator('#name').fill('Chan Siu Ming');
          await p.locator('#hkid').fill('nonsense');
          await submit(p, 'main button[type=submit]');
        },
      ],
      ['staff-edit', (p) => p.goto('/staff/patrons/21000004/edit').then(() => undefined)],
      [
        'staff-receipt',
        async (p) => {
          await p.goto('/staff/patrons/21000004');
          await p.locator('#amount').fill('1');
          await p.locator('#method-octopus').check();
          await submit(p, 'main form.payment-form button[type=submit]');
        },
      ],
      [
        'staff-receipt-print',
        async (p) => {
          await p.emulateMedia({ media: 'print' });
        },
      ],
      [
        'staff-patron-payments',
        async (p) => {
          await p.emulateMedia({ media: 'screen' });
          await p.goto('/staff/patrons/21000004');
        },
      ],
      ['staff-circulation', (p) => p.goto('/staff/circulation').then(() => undefined)],
      [
        'staff-circulation-no-patron',
        async (p) => {
          await p.goto('/staff/circulation');
          await scan(p, '#patron_barcode', '');
        },
      ],
      // Two books lent and then returned, so that every run (language, width) starts from the same loans.
      [
        'staff-checkout-session',
        async (p) => {
          await p.goto('/staff/circulation');
          await scan(p, '#patron_barcode', '21000003');
          for (const item of SHELF_BOOKS) await scan(p, '#item_barcode', item);
        },
      ],
      ['staff-slip', (p) => p.goto('/staff/circulation/slip?patron=21000003').then(() => undefined)],
      [
        'staff-checkin',
        async (p) => {
          await p.goto('/staff/circulation');
          for (const item of SHELF_BOOKS) await scan(p, '#checkin_item', item);
        },
      ],
      ['staff-audit', (p) => p.goto('/staff/audit').then(() => undefined)],
      ['staff-accounts', (p) => p.goto('/staff/accounts').then(() => undefined)],
      ['staff-security', (p) => p.goto('/staff/security').then(() => undefined)],
      [
        'staff-security-week',
        async (p) => {
          await p.goto('/staff/security?period=week');
          await p.locator('details.figures-table summary').click();
        },
      ],
      ['staff-2fa-enrol', (p) => p.goto('/staff/2fa').then(() => undefined)],
    ],
  },
  {
    // After the admin's journey recorded a payment: the patron sees it on the circulation record.
    who: 'patron-after-payment',
    start: (p) => logIn(p, '21000004', 'K7M2P9'),
    pages: [['circulation', (p) => p.goto('/myrecord/circulation').then(() => undefined)]],
  },
];

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
