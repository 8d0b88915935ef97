import { demoPatron, expect, logIn, test } from './fixtures.js';

test('after five wrong PINs in a minute the barcode is blocked, even for the right PIN, with a message saying when to retry', async ({
  page,
}) => {
  const patron = demoPatron('21000002');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await logIn(page, patron.barcode, `WRONG${attempt}`);
    await expect(page.getByRole('alert')).toHaveText('The barcode or PIN is incorrect.');
  }
  await logIn(page, patron.barcode, patron.pin);
  await expect(page.getByRole('alert')).toContainText(/Too many attempts to log in with this barcode\. Please try again in \d+ seconds\./);
  await expect(page).toHaveURL(/\/login$/);
  // The barcode stays in the field so the patron need not type it again; the PIN never does.
  await expect(page.getByLabel('Barcode')).toHaveValue(patron.barcode);
  await expect(page.getByLabel('PIN', { exact: true })).toHaveValue('');
});
