import { addDays, libraryDateOf } from '../src/domain/shared/library-date.js';
import type { Locale } from '../src/domain/shared/locale.js';
import { localizerFor } from '../src/messages/index.js';
import { chooseLanguage, choosePin, demoPatron, expect, expectLanguage, expectNoAxeViolations, logIn, test } from './fixtures.js';

/**
 * Book Renewal once in each language, each by a demo patron with loans of their own (a renewal
 * moves a due date once a day, so the two journeys cannot share one): Wong Siu Ling (staff, 90
 * days), who has one item at its renewal limit; Chan Tai Man (undergraduate, 28 days), still on
 * the default PIN, who chooses a PIN first.
 */
const JOURNEYS: Array<{
  locale: Locale;
  barcode: string;
  newPin?: string;
  loanDays: number;
  renewed: string;
  refused?: { title: string; used: number; allowed: number };
}> = [
  {
    locale: 'en',
    barcode: '21000004',
    loanDays: 90,
    renewed: 'Pride and Prejudice',
    refused: { title: 'The Brothers Karamazov', used: 10, allowed: 10 },
  },
  { locale: 'zh-HK', barcode: '21000001', newPin: 'w5x8z3q7', loanDays: 28, renewed: 'Treasure Island' },
];

for (const journey of JOURNEYS) {
  test(`renew all, in ${journey.locale}: each item renewed or its refusal explained, the new due date in the reader's language`, async ({
    page,
  }) => {
    const { t, formatDate } = localizerFor(journey.locale);
    const patron = demoPatron(journey.barcode);
    await page.goto('/login');
    await chooseLanguage(page, journey.locale);
    await logIn(page, patron.barcode, patron.pin);
    if (journey.newPin) await choosePin(page, patron.pin, journey.newPin);
    await expect(page).toHaveURL(/\/myrecord$/);

    await page
      .locator('#main')
      .getByRole('link', { name: t('service.bookRenewal') })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('renew.title'));
    await expectLanguage(page, journey.locale);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: t('renew.all') }).click();
    const results = page.getByRole('status');
    await expect(results).toContainText(t('renew.resultsTitle'));
    const due = formatDate(addDays(libraryDateOf(Date.now()), journey.loanDays));
    await expect(results.getByRole('listitem').filter({ hasText: journey.renewed })).toContainText(t('renew.renewed', { due }));
    if (journey.refused) {
      const { title, used, allowed } = journey.refused;
      await expect(results.getByRole('listitem').filter({ hasText: title })).toContainText(
        t('renew.refused.LIMIT_REACHED', { used, allowed }),
      );
    }
    await expectLanguage(page, journey.locale);
    await expectNoAxeViolations(page);
  });
}
