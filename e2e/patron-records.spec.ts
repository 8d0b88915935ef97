import type { Page } from '@playwright/test';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { t } from '../src/messages/index.js';
import { expect, expectNoAxeViolations, staffLogIn, test } from './fixtures.js';

const counter = DEMO_STAFF[1];

/** Nothing on the page reaches past the right edge of a phone's screen. */
async function expectFitsWidth(page: Page): Promise<void> {
  const overflowing = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll('main *'))
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(element.getBoundingClientRect().left)}-${Math.round(element.getBoundingClientRect().right)}`,
      );
  });
  expect(overflowing, `outside the viewport on ${page.url()}`).toEqual([]);
}

test('at the counter: a patron registered with a wrong HKID check digit gets a warning; staff edit the patron; a payment by Octopus and its printed receipt', async ({
  page,
}) => {
  await staffLogIn(page, counter.username, counter.password);

  // Registration refuses what cannot be a barcode or an HKID number, in words for the counter.
  await page.getByRole('link', { name: 'Register a patron' }).click();
  await page.getByLabel('Barcode').fill('ABC');
  await page.getByLabel('Name').fill('Chan Siu Ming');
  await page.getByLabel('HKID number').fill('nonsense');
  await page.getByRole('button', { name: 'Register' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(t('staff.register.problem.BARCODE_NO_DIGIT'));
  await expect(alert).toContainText(t('staff.register.problem.HKID_MALFORMED'));
  await expectNoAxeViolations(page);

  // A real card whose check digit does not add up: registered, with a warning to check the card.
  await page.getByLabel('Barcode').fill('23000077');
  await page.getByLabel('HKID number').fill('Z123456(7)');
  // Every record expires: the counter gives the date on the card.
  await page.locator('#expiry_date').fill('2030-08-31');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(/\/staff\/patrons\/23000077$/);
  const warning = page.getByRole('status');
  await expect(warning).toHaveText(t('staff.register.hkidWarning'));
  await expect(warning).toHaveClass(/notice--warning/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Edit the patron: a new name, type and expiry date; back on the patron's page with a notice.
  await page.getByRole('link', { name: 'Edit patron' }).click();
  await expect(page.getByLabel('Name')).toHaveValue('Chan Siu Ming');
  await expect(page.getByLabel('Name')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByLabel('Name').fill('Chan Siu Ming Jason');
  await page.getByLabel('Patron type').selectOption({ label: 'Postgraduate' });
  await page.getByLabel('Record expires (YYYY-MM-DD)').fill('2029-06-30');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/staff\/patrons\/23000077$/);
  await expect(page.getByRole('status')).toHaveText(
    t('staff.edit.saved', { change: 'other', name: 'Chan Siu Ming Jason', document: 'hkid' }),
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chan Siu Ming Jason (23000077)');
  await expect(page.getByText('30 June 2029')).toBeVisible();

  // A payment towards Wong Siu Ling's fines: the method is a required choice.
  await page.goto('/staff/patrons/21000004');
  await page.getByLabel('Amount paid (HK$)').fill('5');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('alert')).toHaveText(t('staff.payment.METHOD_MISSING'));
  await expect(page.getByLabel('Amount paid (HK$)')).toHaveValue('5');
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: 'Octopus' }).check();
  await page.getByRole('button', { name: 'Record payment' }).click();

  // The receipt: a page of its own, reloadable, with the payment and the fine it went to.
  await expect(page).toHaveURL(/\/staff\/patrons\/21000004\/payments\/\d+$/);
  const receipt = page.locator('article.receipt');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Receipt \d+$/);
  await expect(receipt.locator('div').filter({ hasText: 'Paid by' })).toContainText('Octopus');
  await expect(receipt.locator('div').filter({ hasText: 'Amount paid' })).toContainText('HK$5.00');
  await expect(receipt.locator('div').filter({ hasText: 'Received by' })).toContainText(counter.username);
  await expect(receipt.getByRole('row').filter({ hasText: 'Overdue: "Emma" returned 12 days late' })).toContainText('HK$5.00');
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Receipt \d+$/);

  // Printed: the receipt alone, no header, menu, link or notice, and no script on the page.
  await page.emulateMedia({ media: 'print' });
  await expect(receipt).toBeVisible();
  await expect(page.locator('.masthead')).toBeHidden();
  await expect(page.locator('.staff-nav')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Back to Wong Siu Ling' })).toBeHidden();
  await expect(page.locator('script')).toHaveCount(0);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('link', { name: 'Back to Wong Siu Ling' })).toBeVisible();

  // On the patron's page, the fine shows what is left of it and the payment its method.
  await page.getByRole('link', { name: 'Back to Wong Siu Ling' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Overdue: "Emma" returned 12 days late' })).toContainText('HK$7.00');
  await expect(page.getByRole('row').filter({ hasText: 'Octopus' })).toContainText('HK$5.00');

  // On a phone, the patron's page, the receipt and Edit patron fit the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsWidth(page);
  await page.getByRole('row').filter({ hasText: 'Octopus' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Receipt \d+$/);
  await expectFitsWidth(page);
  await page.goto('/staff/patrons/23000077/edit');
  await expectFitsWidth(page);
});
