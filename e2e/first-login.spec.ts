import { expect, test } from '@playwright/test';
import { demoPatron, logIn } from './fixtures.js';

test('first login with the default PIN: sent to Modify your PIN, refused a trivial PIN, then home, then log-out', async ({ page }) => {
  const patron = demoPatron('21000001');
  await logIn(page, patron.barcode, patron.pin.toLowerCase());

  await expect(page).toHaveURL(/\/pin\/modify$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modify your PIN');
  await expect(page.getByText('You are using the default PIN')).toBeVisible();
  const rules = page.getByRole('region', { name: 'Your new PIN must follow these rules' });
  await expect(rules.getByRole('listitem').filter({ hasText: 'No set of 2, 3 or 4 characters repeated back to back (abab, abcabc, abcdabcd).' })).toBeVisible();

  // The other pages are closed until a PIN is chosen.
  await page.goto('/myrecord');
  await expect(page).toHaveURL(/\/pin\/modify$/);

  await page.getByLabel('Current PIN').fill(patron.pin);
  await page.getByLabel('New PIN', { exact: true }).fill('abcabc');
  await page.getByLabel('Retype new PIN').fill('abcabc');
  await page.getByRole('button', { name: 'Modify PIN' }).click();
  // The reason is announced in the alert and tied to the field it concerns.
  await expect(page.getByRole('alert')).toContainText('repeats a set of 2 to 4 characters back to back');
  const newPin = page.getByLabel('New PIN', { exact: true });
  await expect(newPin).toHaveAttribute('aria-invalid', 'true');
  await expect(newPin).toHaveAccessibleDescription(/repeats a set of 2 to 4 characters back to back/);

  await page.getByLabel('Current PIN').fill(patron.pin);
  await page.getByLabel('New PIN', { exact: true }).fill('r8t2y6u4');
  await page.getByLabel('Retype new PIN').fill('r8t2y6u4');
  await page.getByRole('button', { name: 'Modify PIN' }).click();

  await expect(page).toHaveURL(/\/myrecord$/);
  // The notice, beside the home's banner (also a status) of what is overdue or ready.
  await expect(page.locator('.notice[role="status"]')).toHaveText('Your PIN has been changed. Use your new PIN from now on.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${patron.name}`);
  await expect(page.getByText(patron.barcode)).toBeVisible();
  await expect(page.getByText('View your Circulation Record')).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText('You have logged out.')).toBeVisible();
  await page.goBack();
  await expect(page.getByText(`Welcome, ${patron.name}`)).toHaveCount(0);

  // The new PIN opens the account straight to myRecord; the default no longer does.
  await logIn(page, patron.barcode, patron.pin);
  await expect(page.getByRole('alert')).toHaveText('The barcode or PIN is incorrect.');
  await logIn(page, patron.barcode, 'R8T2Y6U4');
  await expect(page).toHaveURL(/\/myrecord$/);
});
