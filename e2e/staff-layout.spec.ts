import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { expect, expectNoAxeViolations, staffLogIn, test } from './fixtures.js';

/**
 * The administrator's pages (the audit log, the security page, the staff accounts) at a desktop's and a
 * phone's width, in both languages: nothing reaches outside its card or the screen (a table may scroll
 * inside its card's own scroll container), dates stay on one line, a Chinese page shows no status code
 * or byte count, the chart's legend has its lines' colours, and every box has a label one can see.
 */
const [admin] = DEMO_STAFF;
const WIDTHS = [1280, 390];
const LANGUAGES = [
  { locale: 'en', switchTo: 'English' },
  { locale: 'zh-HK', switchTo: '繁體中文' },
] as const;
const PAGES = ['/staff/audit', '/staff/security', '/staff/accounts'];

/**
 * Entries of the kinds whose details the services write with codes in them (statuses, roles, fields,
 * sizes in bytes), in the services' own forms, beside a patron and from a long IPv6 address: the
 * widest rows the log has.
 */
function seedAuditLog(): void {
  const db = new Database(process.env.MYRECORD_E2E_DB);
  try {
    const staffId = db.prepare('SELECT id FROM staff WHERE username = ?').pluck().get(admin.username) as number;
    const patronId = db.prepare("SELECT id FROM patrons WHERE barcode = '21000004'").pluck().get() as number;
    const insert = db.prepare(
      "INSERT INTO audit_log (at_ms, actor, staff_id, patron_id, action, client_address, detail) VALUES (?, 'staff', ?, ?, ?, ?, ?)",
    );
    const from = '2001:db8:85a3:1234:5678:8a2e:370:7334';
    const sha = 'a'.repeat(64);
    const rows: Array<[string, string]> = [
      ['ill.status-changed', '7 "Journal of Hong Kong Studies": sent, lender British Library, due 2027-01-31'],
      ['ill.copy-uploaded', `8 "A very long article title about library circulation": 395 bytes, SHA-256 ${sha}`],
      ['deposit.status-changed', '3 "Thesis on tides": under_review'],
      ['deposit.status-changed', '3 "Thesis on tides": published'],
      ['deposit.edited', '3 "Thesis on tides": embargo_until, keywords'],
      ['recommendation.status-changed', '2 "Wolf Hall": ordered (3 mailed)'],
      ['staff.roles-changed', 'ill: ill → ill, repository'],
      ['booking.cancelled', 'booking 4: Group Study Room 1, 2026-12-09; reason: room closed for repairs'],
    ];
    for (const [action, detail] of rows) insert.run(Date.now(), staffId, patronId, action, from, detail);
  } finally {
    db.close();
  }
}

/** What lies outside its card or the screen: a table in a scroll container is measured by that container. */
async function outsideTheirCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const name = (e: Element) =>
      `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}"> ${(e.textContent ?? '').trim().slice(0, 40)}`;
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      // Off screen on purpose: the skip link until focused, text for screen readers, a card table's header row.
      if (element.closest('.skip-link, .visually-hidden, .table--cards thead, details:not([open]) > :not(summary)')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      // What a card's own scroll container holds may scroll inside it; the container itself is measured.
      if (element.parentElement?.closest('.table-wrap')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -0.5 || box.right > width + 0.5)
        found.push(`${name(element)}: ${Math.round(box.left)}..${Math.round(box.right)} of ${width}`);
      const card = element.closest('.card');
      if (!card || card === element) continue;
      const outer = card.getBoundingClientRect();
      if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5)
        found.push(
          `${name(element)}: ${Math.round(box.left)}..${Math.round(box.right)}, outside ${Math.round(outer.left)}..${Math.round(outer.right)}`,
        );
    }
    // A table wider than its scroll container can be scrolled by keyboard, and says what it is.
    for (const scroller of Array.from(document.querySelectorAll('.table-wrap'))) {
      if (
        scroller.scrollWidth > scroller.clientWidth &&
        (scroller.getAttribute('tabindex') !== '0' || !scroller.getAttribute('aria-label'))
      )
        found.push(`a table scrolls in a container without a name or keyboard access`);
    }
    const scroll = document.documentElement.scrollWidth - width;
    if (scroll > 0) found.push(`the page scrolls sideways by ${scroll} px`);
    return found;
  });
}

/** Every box and list one can type in or choose from, without a label in sight. */
async function unlabelledInputs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = (e: Element | null) => {
      if (!e || e.closest('.visually-hidden')) return false;
      const box = e.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && getComputedStyle(e).visibility !== 'hidden';
    };
    return Array.from(document.querySelectorAll('main input:not([type=hidden]), main select, main textarea'))
      .filter((input) => seen(input))
      .filter((input) => {
        const label = (input.id && document.querySelector(`label[for="${CSS.escape(input.id)}"]`)) || input.closest('label');
        return !seen(label) || (label?.textContent ?? '').trim() === '';
      })
      .map((input) => `<${input.tagName.toLowerCase()} id="${input.id}" name="${input.getAttribute('name')}">`);
  });
}

async function chooseLanguage(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  if (await button.count()) await Promise.all([page.waitForLoadState('load'), button.click()]);
}

for (const language of LANGUAGES) {
  test(`the administrator's pages fit their cards at 1280 and 390 px and speak the reader's language (${language.locale})`, async ({
    page,
  }) => {
    seedAuditLog();
    await page.setViewportSize({ width: 1280, height: 900 });
    await staffLogIn(page, admin.username, admin.password);
    await chooseLanguage(page, language.switchTo);
    try {
      for (const path of PAGES) {
        await page.goto(path);
        if (path === '/staff/security') await page.locator('details.figures-table summary').click();
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          const where = `${path} at ${width} px (${language.locale})`;
          expect(await outsideTheirCards(page), where).toEqual([]);
          expect(await unlabelledInputs(page), where).toEqual([]);
          // Log out stays one line, beside the masthead's other parts; the menu takes two rows at most on a desktop.
          const logoutLines = await page.locator('.masthead__logout button').evaluate((button) => {
            const range = document.createRange();
            range.selectNodeContents(button);
            return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
          });
          expect(logoutLines, `lines of Log out, ${where}`).toBe(1);
          if (width === 1280) {
            const rows = await page
              .locator('.staff-nav li')
              .evaluateAll((items) => new Set(items.map((i) => Math.round(i.getBoundingClientRect().top))).size);
            expect(rows, `rows of the staff menu, ${where}`).toBeLessThanOrEqual(2);
          }
          // The account is named after its one role: the masthead says it once.
          await expect(page.locator('.masthead__who')).not.toHaveText(/[(（]/);
        }
        const text = await page.locator('body').innerText();
        if (language.locale === 'zh-HK') {
          expect(text.match(/\b[a-z]+_[a-z]+\b/g), `codes on ${path}`).toBeNull();
          expect(text, `sizes on ${path}`).not.toMatch(/\bbytes?\b/);
        } else {
          expect(text, `sizes on ${path}`).not.toMatch(/\d bytes\b/);
        }
        if (path === '/staff/audit') {
          // The seeded entries are there, in words; every date and time is on one line.
          await expect(page.locator('main tbody tr')).not.toHaveCount(0);
          expect(text).toContain('0.4 KB');
          for (const date of await page.locator('main td .nowrap').all()) {
            expect(await date.evaluate((e) => e.getClientRects().length), await date.innerText()).toBe(1);
          }
        }
        if (path === '/staff/security') {
          // Each key of the legend has its line's colour and dash, as the browser draws them.
          for (const series of ['successes', 'failures', 'refused']) {
            const line = await page.locator(`.chart__line.chart__series--${series}`).evaluate((e) => {
              const s = getComputedStyle(e);
              return { colour: s.stroke, dashed: s.strokeDasharray !== 'none' };
            });
            const key = await page.locator(`.chart__key.chart__series--${series}`).evaluate((e) => {
              const s = getComputedStyle(e);
              return { colour: s.borderTopColor, dashed: s.borderTopStyle === 'dashed' };
            });
            expect(key, `the legend key of ${series}`).toEqual(line);
            expect(line.colour).not.toBe('rgb(0, 0, 0)');
          }
        }
        await expectNoAxeViolations(page);
      }
    } finally {
      await chooseLanguage(page, 'English');
    }
  });
}

test('a barcode typed the moment Find a patron opens arrives whole', async ({ page }) => {
  const [, counter] = DEMO_STAFF;
  await staffLogIn(page, counter.username, counter.password);
  await page.goto('/staff/circulation');
  // As soon as the page's elements are there, before it is drawn: a scanner does not wait.
  await page.goto('/staff', { waitUntil: 'domcontentloaded' });
  await page.keyboard.type('21000004');
  await expect(page.locator('#q')).toHaveValue('21000004');
});
