import Database from 'better-sqlite3';
import { demoPatron, expect, expectNoAxeViolations, logIn, test } from './fixtures.js';
import { expectFits, expectPatronPagesFit, LANGUAGES, patronTour, PHONE } from './phone-layout.js';

/**
 * A title whose every copy is on loan to someone else and that nobody has requested: the journeys
 * before this one check books in and out, so the title is looked up in the e2e database, not named.
 */
function titleAllOnLoan(notTo: string): string {
  const db = new Database(process.env.MYRECORD_E2E_DB, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT r.title FROM records r
      WHERE EXISTS (SELECT 1 FROM copies c WHERE c.record_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM copies c WHERE c.record_id = r.id AND c.status <> 'on_loan')
        AND NOT EXISTS (SELECT 1 FROM loans l JOIN copies c ON c.id = l.copy_id JOIN patrons p ON p.id = l.patron_id
                        WHERE c.record_id = r.id AND l.returned_at IS NULL AND p.barcode = ?)
        AND NOT EXISTS (SELECT 1 FROM requests q WHERE q.record_id = r.id AND q.status <> 'cancelled')
      ORDER BY r.id LIMIT 1`,
      )
      .pluck()
      .get(notTo) as string;
  } finally {
    db.close();
  }
}

// Every patron page fits a phone (e2e/phone-layout.ts), and a request can be cancelled on one.
// One test per group of pages, each logging in for itself: eighteen patron pages and twelve staff
// pages, each measured and checked with axe at two widths, are too long for one test on a busy machine.
// The patron pages and the staff tables are two files: one worker runs them in name order, patron pages first.
// Each test puts back what it changes (the language on a record), so they may be shared among the workers.
test.describe.configure({ mode: 'parallel' });

for (const language of LANGUAGES) {
  test(`patron pages fit a phone: home, with the menu behind "${language.menu}" (${language.locale})`, async ({ page }) => {
    await patronTour(page, language, async () => {
      await expectFits(page, 'home');

      // The menu is one button on a phone; open, it lists home and the seven services (a member of
      // staff may use them all), the current one marked.
      const nav = page.locator('nav.patron-nav');
      await expect(nav.locator('.patron-nav__wide')).toBeHidden();
      await nav.getByText(language.menu, { exact: true }).click();
      await expect(nav.locator('[aria-current="page"]:visible')).toHaveAttribute('href', '/myrecord');
      await expect(nav.locator('.patron-nav__narrow a:visible')).toHaveCount(8);
      await expectFits(page, 'home, menu open');
    });
  });

  test(`patron pages fit a phone: the circulation record as labelled cards, and a cancel confirmation (${language.locale})`, async ({
    page,
  }) => {
    await patronTour(page, language, async () => {
      await page.goto('/myrecord/circulation');
      await expectFits(page, 'circulation record');
      // Each row a card: the Renewals cell and the Cancel button are on screen, not in a sideways box.
      const renewals = page
        .locator('td[data-label]')
        .filter({ hasText: /of 10|／10 次/ })
        .first();
      await renewals.scrollIntoViewIfNeeded();
      await expect(renewals).toBeInViewport({ ratio: 1 });
      const cancel = page.locator('a[href^="/myrecord/requests/"]').first();
      await cancel.scrollIntoViewIfNeeded();
      await expect(cancel).toBeInViewport({ ratio: 1 });
      // Each cell says its column: the label is drawn before the value.
      const label = await renewals.evaluate((cell) => getComputedStyle(cell, '::before').content);
      expect(label).toContain(await renewals.getAttribute('data-label'));

      await cancel.click();
      await expect(page).toHaveURL(/\/myrecord\/requests\/\d+\/cancel$/);
      await expectFits(page, 'cancel confirmation');
    });
  });

  test(`patron pages fit a phone: renewal, the catalogue and a record, Modify your PIN (${language.locale})`, async ({ page }) => {
    await patronTour(page, language, async () => {
      await expectPatronPagesFit(page, [
        ['/myrecord/renew', 'renewal'],
        ['/catalogue?q=dickens', 'catalogue search'],
        ['/pin/modify', 'modify PIN'],
      ]);
      await page.goto('/catalogue?q=dracula');
      await page.locator('main a[href^="/catalogue/"]').first().click();
      await expectFits(page, 'catalogue record');
    });
  });

  test(`patron pages fit a phone: recommendations and interlibrary loans (${language.locale})`, async ({ page }) => {
    await patronTour(page, language, () =>
      expectPatronPagesFit(page, [
        ['/myrecord/recommendations', 'recommendations with their histories'],
        ['/myrecord/recommendations/new', 'recommendation form'],
        ['/myrecord/ill', 'interlibrary loan requests'],
        ['/myrecord/ill/new?kind=book', 'interlibrary loan, a book'],
        ['/myrecord/ill/new?kind=article', 'interlibrary loan, an article copy'],
      ]),
    );
  });

  test(`patron pages fit a phone: iBooking's bookings, day view and booking form (${language.locale})`, async ({ page }) => {
    await patronTour(page, language, () =>
      expectPatronPagesFit(page, [
        ['/myrecord/bookings', 'bookings with their histories'],
        ['/myrecord/bookings/day', 'the iBooking day view'],
        [
          '/myrecord/bookings/new?facility=1&date=' + new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) + '&start=20:00',
          'the booking form of a group room',
        ],
      ]),
    );
  });

  test(`patron pages fit a phone: the research archive, her deposits and the public pages (${language.locale})`, async ({ page }) => {
    await patronTour(page, language, () =>
      expectPatronPagesFit(page, [
        ['/myrecord/deposits', 'research archive deposits'],
        ['/myrecord/deposits/1', 'a published deposit, as its author sees it'],
        ['/repository', 'the public research archive'],
        ['/repository/1', 'a public deposit record'],
      ]),
    );
  });
}

test('cancelling a request on a phone asks once, then the record says so; a reload resends nothing', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const patron = demoPatron('21000004');
  await logIn(page, patron.barcode, patron.pin);
  // She requests a book on loan to another patron, then thinks better of it.
  const title = titleAllOnLoan(patron.barcode);
  await page.goto(`/catalogue?q=${encodeURIComponent(title)}`);
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('button', { name: 'Request' }).click();
  await expect(page.getByRole('status')).toContainText('You are number 1 in the queue');

  await page.goto('/myrecord/circulation');
  await page.getByRole('link', { name: `Cancel request for ${title}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Cancel your request for "${title}"?`);
  await expect(page.getByText('You will lose your place in the queue.')).toBeVisible();
  await expectFits(page, 'cancel confirmation');
  // The way back leaves the request as it is.
  await page.getByRole('link', { name: 'Keep the request' }).click();
  await expect(page).toHaveURL(/\/myrecord\/circulation$/);
  await expect(page.getByRole('row').filter({ hasText: title })).toBeVisible();

  await page.getByRole('link', { name: `Cancel request for ${title}` }).click();
  await page.getByRole('button', { name: 'Cancel request' }).click();
  await expect(page).toHaveURL(/\/myrecord\/circulation$/);
  await expect(page.getByRole('status')).toHaveText(`Your request for "${title}" was cancelled.`);
  await expect(page.getByRole('row').filter({ hasText: title })).toHaveCount(0);
  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(200);
  expect(reloaded?.request().method()).toBe('GET');
  await expect(page.getByRole('status')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
