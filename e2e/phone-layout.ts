/**
 * What the phone-layout journeys share (phone-layout-patron.spec.ts, phone-layout-staff.spec.ts): on a
 * phone (390 px) every patron page and every staff table fits. No element lies outside the viewport,
 * so no column or button hides in a sideways box; tables become one card per row with each cell
 * labelled. In both languages, and axe stays clean.
 */
import type { Page } from '@playwright/test';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { demoPatron, expect, expectNoAxeViolations, logIn, staffLogIn } from './fixtures.js';

export const PHONE = { width: 390, height: 844 };
const [admin] = DEMO_STAFF;
export const LANGUAGES = [
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

export async function expectFits(page: Page, label: string): Promise<void> {
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
export async function patronTour(page: Page, language: Language, tour: () => Promise<void>): Promise<void> {
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
export async function staffTour(page: Page, language: Language, tour: () => Promise<void>): Promise<void> {
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
export async function expectPatronPagesFit(page: Page, pages: ReadonlyArray<readonly [path: string, name: string]>): Promise<void> {
  for (const [path, name] of pages) {
    await page.goto(path);
    await expectFits(page, name);
  }
}

/** Each staff page in turn shows its heading and fits the phone, axe clean. */
export async function expectStaffPagesFit(page: Page, pages: ReadonlyArray<readonly [path: string, name: string]>): Promise<void> {
  for (const [path, name] of pages) {
    await page.goto(path);
    await expect(page.locator('h1')).toBeVisible();
    await expectFits(page, name);
  }
}
