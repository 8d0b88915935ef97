import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { choosePin, demoPatron, expect, expectNoAxeViolations, logIn, staffLogIn, test } from './fixtures.js';

const [admin, counter] = DEMO_STAFF;

test('at the counter: staff find the patron, Delete PIN is refused without the ID check and done with it; the patron logs in with the default; an admin reads the audit entry', async ({
  page,
  browser,
}) => {
  const patron = demoPatron('21000004');

  await page.goto('/staff/login');
  await expectNoAxeViolations(page);
  await staffLogIn(page, counter.username, counter.password);
  await expectNoAxeViolations(page);
  await page.getByLabel('Barcode or part of the name').fill('wong siu');
  await page.getByRole('button', { name: 'Search' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: patron.barcode }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(patron.name);
  await expect(page.getByText('Chosen by the patron')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Delete PIN' }).click();
  await expect(page.getByRole('alert')).toContainText('Check the University ID card');
  await expectNoAxeViolations(page);
  await page.getByLabel('University ID card checked').check();
  await page.getByRole('button', { name: 'Delete PIN' }).click();
  await expect(page.getByRole('status')).toContainText('The PIN was deleted');
  await expect(page.getByText('Default PIN', { exact: true })).toBeVisible();

  // The patron, at his own screen, logs in with the default PIN and must choose a new one.
  const patronPage = await (await browser.newContext()).newPage();
  await logIn(patronPage, patron.barcode, 'AB9876');
  await expect(patronPage).toHaveURL(/\/pin\/modify$/);
  await choosePin(patronPage, 'AB9876', patron.pin);

  // An administrator reads the entry.
  await page.getByRole('button', { name: 'Log out' }).click();
  await staffLogIn(page, admin.username, admin.password);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Patron barcode').fill(patron.barcode);
  await page.getByRole('button', { name: 'Filter' }).click();
  const entry = page.getByRole('row').filter({ hasText: 'Deleted the PIN at the counter' });
  await expect(entry).toContainText(counter.username);
  await expect(entry).toContainText(patron.barcode);
  await expectNoAxeViolations(page);
});

test('the registration and staff account pages have no axe violations', async ({ page }) => {
  await staffLogIn(page, admin.username, admin.password);
  await page.getByRole('link', { name: 'Register a patron' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Staff accounts' }).click();
  await expectNoAxeViolations(page);
});
