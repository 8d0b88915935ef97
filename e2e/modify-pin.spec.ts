import { LOCALES } from '../src/domain/shared/locale.js';
import { translator } from '../src/messages/index.js';
import { chooseLanguage, choosePin, expect, expectLanguage, expectNoAxeViolations, logIn, registerPatron, test } from './fixtures.js';

// The journey once in each language, by a patron who has chosen a PIN and now changes it from the home page.
for (const [index, locale] of LOCALES.entries()) {
  test(`Modify your PIN from the myRecord home, in ${locale}: errors shown, then the PIN changed`, async ({ page, browser }) => {
    const t = translator(locale);
    const patron = await registerPatron(browser, {
      barcode: `2903000${index}`,
      name: `Yip Hoi Ying ${index}`,
      email: `hoi-ying.yip${index}@example.edu`,
      passport: `P2468135${index}`,
    });
    await page.goto('/login');
    await chooseLanguage(page, locale);
    await logIn(page, patron.barcode, patron.pin);
    await choosePin(page, patron.pin, 'h6w2n9q4');
    await expectLanguage(page, locale);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: t('home.modifyPin') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('pinModify.title'));
    await expectLanguage(page, locale);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: t('pinModify.submit') }).click();
    await expect(page.getByRole('alert')).toContainText(t('form.fixErrors'));
    await expect(page.getByLabel(t('pinModify.currentPin'))).toHaveAccessibleDescription(t('pinModify.CURRENT_PIN_MISSING'));
    await expectNoAxeViolations(page);

    await page.getByLabel(t('pinModify.currentPin')).fill('wrong1');
    await page.getByLabel(t('pinModify.newPin'), { exact: true }).fill('b7v3c8x2');
    await page.getByLabel(t('pinModify.confirmPin')).fill('b7v3c8x2');
    await page.getByRole('button', { name: t('pinModify.submit') }).click();
    await expect(page.getByRole('alert')).toContainText(t('pinModify.wrongCurrent'));
    await expectNoAxeViolations(page);

    await choosePin(page, 'h6w2n9q4', 'b7v3c8x2');
    await expect(page.getByRole('status')).toHaveText(t('pinModify.done'));
    await expectLanguage(page, locale);
  });
}
