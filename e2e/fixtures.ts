import { expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO_PATRONS, type DemoPatron } from '../src/demo/demo-patrons.js';

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
