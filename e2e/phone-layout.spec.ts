import type { Page } from '@playwright/test';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import Database from 'better-sqlite3';
import { demoPatron, expect, expectNoAxeViolations, logIn, staffLogIn, test } from './fixtures.js';

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

/**
 * On a phone (390 px) every patron page and every staff table fits. No element lies
 * outside the viewport, so no column or button hides in a sideways box; tables become one card per
 * row with each cell labelled. In both languages, and axe stays clean.
 */
const PHONE = { width: 390, height: 844 };
const [admin] = DEMO_STAFF;
const LANGUAGES = [
  { locale: 'en', switchTo: 'English', menu: 'Menu' },
  { locale: 'zh-HK', switchTo: '繁體中文', menu: '選單' },
] as const;

/** Every element drawn on the page that reaches past either side of the viewport (what is hidden for screen readers only excepted). */
async function outsideViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      // Off screen on purpose: the skip link until focused, text for screen readers, a card table's header row.
      if (element.closest('.skip-link, .visually-hidden, .table--cards thead')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        found.push(
          `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> ${Math.round(box.left)}..${Math.round(box.right)}: ${(element.textContent ?? '').trim().slice(0, 40)}`,
        );
      }
    }
    const scroll = document.documentElement.scrollWidth - width;
    if (scroll > 0) found.push(`the page scrolls sideways by ${scroll} px`);
    return found;
  });
}

async function expectFits(page: Page, label: string): Promise<void> {
  expect(await outsideViewport(page), `${label} at ${PHONE.width} px`).toEqual([]);
  await expectNoAxeViolations(page);
}

/** The language switch in the masthead; the choice also goes on the record of whoever is logged in. */
async function chooseLanguage(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  if (await button.count()) await Promise.all([page.waitForLoadState('load'), button.click()]);
}

type Language = (typeof LANGUAGES)[number];

/**
 * Wong Siu Ling on a phone, in `language`, for one tour of her pages. The switch puts the language on
 * her record: English again afterwards, for the tours and journeys that follow.
 */
async function patronTour(page: Page, language: Language, tour: () => Promise<void>): Promise<void> {
  await page.setViewportSize(PHONE);
  const patron = demoPatron('21000004');
  await logIn(page, patron.barcode, patron.pin);
  await expect(page).toHaveURL(/\/myrecord$/);
  await chooseLanguage(page, language.switchTo);
  try {
    await tour();
  } finally {
    await chooseLanguage(page, 'English');
  }
}

/** The demo administrator on a phone, in `language`, for one tour of the staff pages; English again afterwards. */
async function staffTour(page: Page, language: Language, tour: () => Promise<void>): Promise<void> {
  await page.setViewportSize(PHONE);
  await staffLogIn(page, admin.username, admin.password);
  await chooseLanguage(page, language.switchTo);
  try {
    await tour();
  } finally {
    await chooseLanguage(page, 'English');
  }
}

/** Each patron page in turn fits the phone, axe clean. */
async function expectPatronPagesFit(page: Page, pages: ReadonlyArray<readonly [path: string, name: string]>): Promise<void> {
  for (const [path, name] of pages) {
    await page.goto(path);
    await expectFits(page, name);
  }
}

/** Each staff page in turn shows its heading and fits the phone, axe clean. */
async function expectStaffPagesFit(page: Page, pages: ReadonlyArray<readonly [path: string, name: string]>): Promise<void> {
  for (const [path, name] of pages) {
    await page.goto(path);
    await expect(page.locator('h1')).toBeVisible();
    await expectFits(page, name);
  }
}

// One test per group of pages, each logging in for itself: eighteen patron pages and twelve staff
// pages, each measured and checked with axe at two widths, are too long for one test on a busy machine.
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
