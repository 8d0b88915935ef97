import { expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEMO_PATRONS, type DemoPatron } from '../src/demo/demo-patrons.js';
import { parseMail, type ReceivedMail } from '../src/test-support/test-smtp.js';

export function demoPatron(barcode: string): DemoPatron {
  const patron = DEMO_PATRONS.find((p) => p.barcode === barcode);
  if (!patron) throw new Error(`no demo patron ${barcode}`);
  return patron;
}

export async function logIn(page: Page, barcode: string, pin: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Barcode').fill(barcode);
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Runs axe on the page as it is and expects no violations of WCAG 2.1 A and AA. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** The newest mail in the e2e server's outbox to this address with this subject. */
export async function latestMail(to: string, subject: string): Promise<ReceivedMail> {
  const outbox = join(dirname(process.env.MYRECORD_E2E_DB!), 'outbox');
  for (let tries = 0; tries < 50; tries++) {
    const files = existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')).sort().reverse() : [];
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
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

export async function choosePin(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel('Current PIN').fill(current);
  await page.getByLabel('New PIN', { exact: true }).fill(next);
  await page.getByLabel('Retype new PIN').fill(next);
  await page.getByRole('button', { name: 'Modify PIN' }).click();
  await expect(page).toHaveURL(/\/myrecord$/);
}
