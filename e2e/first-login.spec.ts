import { LOCALES } from '../src/domain/shared/locale.js';
import { translator } from '../src/messages/index.js';
import { chooseLanguage, expect, expectLanguage, expectNoAxeViolations, logIn, registerPatron, test } from './fixtures.js';

// The journey once in each language, chosen with the switch on the login page, by a patron new to the portal.
for (const [index, locale] of LOCALES.entries()) {
  test(`first login with the default PIN, in ${locale}: sent to Modify your PIN, refused a trivial PIN, then home, then log-out`, async ({
    page,
    browser,
  }) => {
    const t = translator(locale);
    const patron = await registerPatron(browser, {
      barcode: `2901000${index}`,
      name: `Cheung Wing Sze ${index}`,
      email: `wing-sze.cheung${index}@example.edu`,
      passport: `K1234567${index}`,
    });
    await page.goto('/login');
    await chooseLanguage(page, locale);
    await expectNoAxeViolations(page);
    await logIn(page, patron.barcode, patron.pin.toLowerCase());

    await expect(page).toHaveURL(/\/pin\/modify$/);
    await expectLanguage(page, locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('pinModify.title'));
    await expect(page.getByText(t('pinModify.mustChange'))).toBeVisible();
    await expect(page.getByText(t('pinRule.PIN_TRIVIAL_BLOCK.help'))).toBeVisible();
    await expectNoAxeViolations(page);

    // The other pages are closed until a PIN is chosen.
    await page.goto('/myrecord');
    await expect(page).toHaveURL(/\/pin\/modify$/);

    await page.getByLabel(t('pinModify.currentPin')).fill(patron.pin);
    await page.getByLabel(t('pinModify.newPin'), { exact: true }).fill('abcabc');
    await page.getByLabel(t('pinModify.confirmPin')).fill('abcabc');
    await page.getByRole('button', { name: t('pinModify.submit') }).click();
    // The reason is announced in the alert and tied to the field it concerns.
    const reason = t('pinRule.PIN_TRIVIAL_BLOCK.error');
    await expect(page.getByRole('alert')).toContainText(reason);
    const newPin = page.getByLabel(t('pinModify.newPin'), { exact: true });
    await expect(newPin).toHaveAttribute('aria-invalid', 'true');
    await expect(newPin).toHaveAccessibleDescription(reason);
    await expectNoAxeViolations(page);

    await page.getByLabel(t('pinModify.currentPin')).fill(patron.pin);
    await page.getByLabel(t('pinModify.newPin'), { exact: true }).fill('r8t2y6u4');
    await page.getByLabel(t('pinModify.confirmPin')).fill('r8t2y6u4');
    await page.getByRole('button', { name: t('pinModify.submit') }).click();

    await expect(page).toHaveURL(/\/myrecord$/);
    await expectLanguage(page, locale);
    // The notice, beside the home's banner (also a status) of what is overdue or ready.
    await expect(page.locator('.notice[role="status"]')).toHaveText(t('pinModify.done'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('home.welcome', { name: patron.name }));
    await expect(page.getByText(patron.barcode)).toBeVisible();
    await expect(page.getByText(t('service.circulationRecord'))).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: t('home.logout') }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByText(t('login.loggedOut'))).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goBack();
    await expect(page.getByText(t('home.welcome', { name: patron.name }))).toHaveCount(0);

    // The new PIN opens the account straight to myRecord; the default no longer does.
    await logIn(page, patron.barcode, patron.pin);
    await expect(page.getByRole('alert')).toHaveText(t('login.failed'));
    await expectNoAxeViolations(page);
    await logIn(page, patron.barcode, 'R8T2Y6U4');
    await expect(page).toHaveURL(/\/myrecord$/);
    await expectLanguage(page, locale);
  });
}
