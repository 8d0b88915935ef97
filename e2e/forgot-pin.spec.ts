import { expect, test } from '@playwright/test';
import { choosePin, demoPatron, expectNoAxeViolations, latestMail, logIn } from './fixtures.js';

test('a patron who forgot his PIN gets a link by mail, resets to the default, logs in with it and chooses a new PIN', async ({ page }) => {
  const patron = demoPatron('21000003');
  // He chose a PIN some time ago, and has since forgotten it.
  await logIn(page, patron.barcode, patron.pin);
  await choosePin(page, patron.pin, 'j4k7l2m9');
  await page.getByRole('button', { name: 'Log out' }).click();

  await page.getByRole('link', { name: 'Or reset your PIN online' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reset your PIN online');
  await expectNoAxeViolations(page);
  await page.getByLabel('Barcode').fill(patron.barcode);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('a reset link is on its way');

  const mail = await latestMail(patron.email, 'Reset your myRecord PIN');
  const link = /http:\/\/\S+\/pin\/reset\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByText('returns the PIN of barcode 21000003 to the default')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Reset my PIN' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('status')).toContainText('Your PIN has been returned to the default');

  await logIn(page, patron.barcode, patron.pin);
  await expect(page).toHaveURL(/\/pin\/modify$/);
  await choosePin(page, patron.pin, 'p3q8r5s2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${patron.name}`);

  // The link worked once: now it says so, and offers a new one.
  const used = await page.goto(link!);
  expect(used?.status()).toBe(410);
  await expect(page.getByRole('link', { name: 'Ask for a new reset link' })).toBeVisible();
  await expectNoAxeViolations(page);
});
