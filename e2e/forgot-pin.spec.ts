import { LOCALES } from '../src/domain/shared/locale.js';
import { translator } from '../src/messages/index.js';
import {
  chooseLanguage,
  choosePin,
  expect,
  expectLanguage,
  expectNoAxeViolations,
  latestMail,
  logIn,
  registerPatron,
  test,
} from './fixtures.js';

// The journey once in each language, by a patron new to the portal whose record takes the language at first login.
for (const [index, locale] of LOCALES.entries()) {
  test(`a patron who forgot their PIN, in ${locale}, gets a link by mail, resets to the default, logs in with it and chooses a new PIN`, async ({
    page,
    browser,
  }) => {
    const t = translator(locale);
    const patron = await registerPatron(browser, {
      barcode: `2902000${index}`,
      name: `Ho Chun Kit ${index}`,
      email: `chun-kit.ho${index}@example.edu`,
      passport: `M7654321${index}`,
    });
    // They chose a PIN some time ago, and have since forgotten it.
    await page.goto('/login');
    await chooseLanguage(page, locale);
    await logIn(page, patron.barcode, patron.pin);
    await choosePin(page, patron.pin, 'j4k7l2m9');
    await page.getByRole('button', { name: t('home.logout') }).click();

    await page.getByRole('link', { name: t('login.forgotOnline') }).click();
    await expectLanguage(page, locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('pinForgot.title'));
    await expectNoAxeViolations(page);
    await page.getByLabel(t('pinForgot.barcode')).fill(patron.barcode);
    await page.getByRole('button', { name: t('pinForgot.submit') }).click();
    await expect(page.getByRole('status')).toHaveText(t('pinForgot.sent'));
    await expectNoAxeViolations(page);

    // The mail is in the language on the patron's record.
    const mail = await latestMail(patron.email, t('mail.resetLink.subject'));
    const link = /http:\/\/\S+\/pin\/reset\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link, mail.text).toBeTruthy();
    expect(mail.text).toContain(t('mail.signature'));
    await page.goto(link!);
    await expectLanguage(page, locale);
    await expect(page.getByText(t('pinReset.explanation', { barcode: patron.barcode, document: 'passport' }))).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: t('pinReset.submit') }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('status')).toHaveText(t('login.pinReset'));
    await expectNoAxeViolations(page);

    await logIn(page, patron.barcode, patron.pin);
    await expect(page).toHaveURL(/\/pin\/modify$/);
    await choosePin(page, patron.pin, 'p3q8r5s2');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('home.welcome', { name: patron.name }));

    // The link worked once: now it says so, and offers a new one.
    const used = await page.goto(link!);
    expect(used?.status()).toBe(410);
    await expectLanguage(page, locale);
    await expect(page.getByRole('link', { name: t('pinReset.askAgain') })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
