import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { dirname, join } from 'node:path';
import { DEMO_PATRONS, type DemoPatron } from '../src/demo/demo-patrons.js';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { LOCALE_INFO, LOCALES, type Locale } from '../src/domain/shared/locale.js';
import { defaultPinFrom } from '../src/domain/pin/default-pin.js';
import { translator, type Translate } from '../src/messages/index.js';
import { parseMail, type ReceivedMail } from '../src/test-support/test-smtp.js';
import { startE2EServer, type E2EServer } from './e2e-server.js';

/**
 * Every journey's `test`: each Playwright worker starts a server of its own on a new database
 * (e2e/e2e-server.ts), and its journeys run against it in file order, as all once did on one server.
 * MYRECORD_E2E_DB is set in the worker to that server's database, so the helpers here (the outbox,
 * the clock offset) and the journeys that open the database follow the worker's server.
 */
export const test = base.extend<object, { e2eServer: E2EServer }>({
  e2eServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern: none.
    async ({}, use, workerInfo) => {
      const server = await startE2EServer(workerInfo.parallelIndex);
      process.env.MYRECORD_E2E_DB = server.databaseFile;
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    // Started before the worker's first journey; the timeout is for a loaded machine (it takes about 2 s).
    { scope: 'worker', auto: true, timeout: 150_000 },
  ],
  baseURL: async ({ e2eServer }, use) => {
    await use(e2eServer.url);
  },
});

export { expect };

/** The folder of the worker's server: its database, outbox, uploads and clock offset file. */
function serverDir(): string {
  return dirname(process.env.MYRECORD_E2E_DB!);
}

const clockOffsetFile = () => join(serverDir(), 'clock-offset-ms');

/** How far the worker's server's clock is moved (CLOCK_OFFSET_FILE, src/lib/clock.ts fileOffsetClock), in milliseconds. */
export function serverClockOffset(): number {
  try {
    return Number.parseInt(readFileSync(clockOffsetFile(), 'utf8').trim(), 10) || 0;
  } catch {
    return 0;
  }
}

/** Moves the worker's server's clock to the system clock plus `ms`: 0 puts it back. */
export function setServerClockOffset(ms: number): void {
  writeFileSync(clockOffsetFile(), String(ms));
}

/** The server's time: the system clock plus its offset. */
export function serverNow(): number {
  return Date.now() + serverClockOffset();
}

export function demoPatron(barcode: string): DemoPatron {
  const patron = DEMO_PATRONS.find((p) => p.barcode === barcode);
  if (!patron) throw new Error(`no demo patron ${barcode}`);
  return patron;
}

/** The language the page is shown in, from <html lang>. */
export async function localeOf(page: Page): Promise<Locale> {
  const lang = await page.locator('html').getAttribute('lang');
  const locale = LOCALES.find((l) => LOCALE_INFO[l].htmlLang === lang);
  if (!locale) throw new Error(`<html lang="${lang}"> is no language of the portal`);
  return locale;
}

/** The catalogue of the language the page is shown in: labels are found by the words a reader sees. */
export async function wordsOf(page: Page): Promise<Translate> {
  return translator(await localeOf(page));
}

/** Chooses the language with the switch in the masthead (a button named in its own language), unless it is already shown. */
export async function chooseLanguage(page: Page, locale: Locale): Promise<void> {
  const { name, htmlLang } = LOCALE_INFO[locale];
  if ((await localeOf(page)) !== locale) await page.getByRole('banner').getByRole('button', { name, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', htmlLang);
}

/** Expects the page to be shown in `locale`. */
export async function expectLanguage(page: Page, locale: Locale): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', LOCALE_INFO[locale].htmlLang);
}

export async function logIn(page: Page, barcode: string, pin: string): Promise<void> {
  await page.goto('/login');
  const t = await wordsOf(page);
  await page.getByLabel(t('login.barcode')).fill(barcode);
  await page.getByLabel(t('login.pin'), { exact: true }).fill(pin);
  await page.getByRole('button', { name: t('login.submit') }).click();
}

/** The widths axe checks each page at: a desktop, and a phone. */
const WIDTHS = [1280, 390];

/** The rules axe checks: WCAG 2.1 A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * axe-core's script, read once. It is put into the page and run there, not through @axe-core/playwright:
 * that wrapper opens a blank page for every check to merge the results of frames, about 1.1 s of each
 * 1.3 s check here, and the portal's pages have no frames. Run in the page, a check takes about 0.15 s,
 * with the same rules and the same results.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on the page as it is, at desktop and phone width, and expects no violations of WCAG 2.1 A and AA. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  // A page keeps the script until it navigates; put it in when it is not there.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: viewport?.height ?? 800 });
    const violations = await page.evaluate(
      // In the page: axe is the global its script defines.
      async (tags) => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
        const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      },
      AXE_TAGS,
    );
    expect(violations, `axe violations on ${page.url()} at ${width}px`).toEqual([]);
  }
  if (viewport) await page.setViewportSize(viewport);
}

/** The newest mail in the e2e server's outbox to this address with this subject. */
export async function latestMail(to: string, subject: string): Promise<ReceivedMail> {
  const outbox = join(serverDir(), 'outbox');
  // The server mails after it answers: this looks every 100 ms and returns as soon as the mail is
  // there; 30 s is the limit for a loaded machine (as the integration tests' mail waits).
  for (let tries = 0; tries < 300; tries++) {
    const files = existsSync(outbox)
      ? readdirSync(outbox)
          .filter((f) => f.endsWith('.eml'))
          .sort()
          .reverse()
      : [];
    for (const file of files) {
      const raw = readFileSync(join(outbox, file), 'utf8');
      const mail = parseMail(raw, []);
      if (new RegExp(`^To: .*${to.replace(/[.]/g, '\\.')}`, 'im').test(raw) && mail.subject === subject) return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail "${subject}" to ${to} in ${outbox}`);
}

export async function staffLogIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/staff/login');
  const t = await wordsOf(page);
  await page.getByLabel(t('staff.login.username')).fill(username);
  await page.getByLabel(t('staff.login.password')).fill(password);
  await page.getByRole('button', { name: t('staff.login.submit') }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

export async function choosePin(page: Page, current: string, next: string): Promise<void> {
  const t = await wordsOf(page);
  await page.getByLabel(t('pinModify.currentPin')).fill(current);
  await page.getByLabel(t('pinModify.newPin'), { exact: true }).fill(next);
  await page.getByLabel(t('pinModify.confirmPin')).fill(next);
  await page.getByRole('button', { name: t('pinModify.submit') }).click();
  await expect(page).toHaveURL(/\/myrecord$/);
}

export interface NewPatron {
  barcode: string;
  name: string;
  email: string;
  passport: string;
  /** The default PIN: the first 6 letters and digits of the passport number. */
  pin: string;
}

/**
 * A patron new to the portal, on the default PIN, registered at the counter by the demo
 * administrator in a browser of its own: each journey that changes a PIN starts from one, so the
 * journeys in each language (and in any order) do not depend on one another.
 */
export async function registerPatron(browser: Browser, patron: Omit<NewPatron, 'pin'>): Promise<NewPatron> {
  const admin = DEMO_STAFF[0];
  const context = await browser.newContext();
  const desk = await context.newPage();
  await staffLogIn(desk, admin.username, admin.password);
  await desk.goto('/staff/register');
  await desk.locator('#barcode').fill(patron.barcode);
  await desk.locator('#name').fill(patron.name);
  await desk.locator('#email').fill(patron.email);
  await desk.locator('#passport').fill(patron.passport);
  await desk.locator('#patron_type').selectOption('undergraduate');
  await desk.locator('#expiry_date').fill('2030-08-31');
  await desk.locator('form[action="/staff/register"] button[type="submit"]').click();
  await expect(desk).toHaveURL(new RegExp(`/staff/patrons/${patron.barcode}$`));
  await context.close();
  const pin = defaultPinFrom({ passport: patron.passport });
  if (!pin.ok) throw new Error(`no default PIN from passport ${patron.passport}`);
  return { ...patron, pin: pin.pin };
}
