/** What a screenshot journey does on a page: log in, send a form, scan at the counter. */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO_CATALOGUE_FILE } from '../../src/demo/demo-circulation.js';
import { parseCsv } from '../../src/lib/csv.js';

export type Visit = (page: Page) => Promise<void>;

/** Who looks, and which pages: each visit leaves the page to photograph on screen. */
export interface Journey {
  who: string;
  start?: Visit;
  pages: Array<[string, Visit]>;
}

export async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
}

export async function logIn(page: Page, barcode: string, pin: string): Promise<void> {
  await page.goto('/login');
  await page.locator('#barcode').fill(barcode);
  await page.locator('#pin').fill(pin);
  await submit(page, 'main button[type=submit]');
}

export async function staffLogIn(page: Page, username: string, password: string): Promise<void> {
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
export const SHELF_BOOKS = [firstCopyOf('Jane Eyre'), firstCopyOf('Wuthering Heights')];

/** A scan at the counter: the barcode into a box, then Enter. */
export async function scan(page: Page, selector: string, barcode: string): Promise<void> {
  await page.locator(selector).fill(barcode);
  await Promise.all([page.waitForEvent('load'), page.locator(selector).press('Enter')]);
}
