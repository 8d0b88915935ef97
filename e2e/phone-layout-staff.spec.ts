import { expectStaffPagesFit, LANGUAGES, staffTour } from './phone-layout.js';
import { expect, test } from './fixtures.js';

// Every staff table fits a phone (e2e/phone-layout.ts): one card per row, each account's controls on screen.
// One test per group of pages, each logging in for itself: eighteen patron pages and twelve staff
// pages, each measured and checked with axe at two widths, are too long for one test on a busy machine.
// The patron pages and the staff tables are two files: one worker runs them in name order, patron pages first.
// Each test puts back what it changes (the language on a record), so they may be shared among the workers.
test.describe.configure({ mode: 'parallel' });

for (const language of LANGUAGES) {
  test(`staff tables fit a phone: search results, a patron's login attempts, the counter, registration (${language.locale})`, async ({
    page,
  }) => {
    await staffTour(page, language, () =>
      expectStaffPagesFit(page, [
        ['/staff?q=wong', 'staff search results'],
        ['/staff/patrons/21000004', 'a patron with recent login attempts'],
        ['/staff/circulation', 'check out and check in'],
        ['/staff/register', 'registration'],
      ]),
    );
  });

  test(`staff tables fit a phone: audit log, accounts, each account's controls on screen (${language.locale})`, async ({ page }) => {
    await staffTour(page, language, async () => {
      await expectStaffPagesFit(page, [
        ['/staff/audit', 'audit log'],
        ['/staff/accounts', 'staff accounts'],
      ]);
      // The accounts table: each row's buttons and password box are on screen.
      await page.goto('/staff/accounts');
      for (const control of await page.locator('table tbody').locator('button, input:not([type=hidden])').all()) {
        // Centred, not scrolled to the very edge, where a fraction of a pixel may fall outside.
        await control.evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'nearest' }));
        await expect(control).toBeInViewport({ ratio: 1 });
      }
    });
  });

  test(`staff tables fit a phone: the interlibrary loan queue, iBooking's day view and facilities (${language.locale})`, async ({
    page,
  }) => {
    await staffTour(page, language, () =>
      expectStaffPagesFit(page, [
        ['/staff/ill', 'interlibrary loan queue'],
        ['/staff/bookings', 'the iBooking day view of every facility'],
        ['/staff/facilities', 'facilities, their hours and blackouts'],
        ['/staff/facilities/1', "a facility's form"],
      ]),
    );
  });

  test(`staff tables fit a phone: the research archive's queue and a deposit (${language.locale})`, async ({ page }) => {
    await staffTour(page, language, () =>
      expectStaffPagesFit(page, [
        ['/staff/deposits?status=published', 'research archive queue'],
        ['/staff/deposits/1', 'a published deposit, as staff see it'],
      ]),
    );
  });
}
