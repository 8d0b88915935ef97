import { demoPatron, expect, expectNoAxeViolations, logIn, test } from './fixtures.js';

test('the login page, with and without errors, has no axe violations', async ({ page }) => {
  await page.goto('/login');
  await expect(page).toHaveTitle(/Log in to myRecord/);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the 404 page has no axe violations', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expectNoAxeViolations(page);
});

test('a patron can log in and out with the keyboard alone', async ({ page }) => {
  const patron = demoPatron('21000004');
  await page.goto('/login');
  // The barcode field has the focus on arrival; before it come the language switch, myRecord (home), then the skip link.
  await expect(page.getByLabel('Barcode')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: '繁體中文' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('link', { name: 'myRecord home' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Barcode')).toBeFocused();
  await page.keyboard.type(patron.barcode);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
  await page.keyboard.type(patron.pin);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/myrecord$/);
  // From the skip link, Tab reaches myRecord (home), the language switch, then the menu (home and the
  // seven services, the page shown marked), log-out last.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'myRecord home' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '繁體中文' })).toBeFocused();
  const menu = page.getByRole('navigation', { name: 'myRecord menu' });
  for (const name of [
    'Home',
    'Circulation record',
    'Renew books',
    'Search the catalogue',
    'Book recommendations',
    'Interlibrary loans',
    'Research archive',
    'iBooking',
  ]) {
    await page.keyboard.press('Tab');
    await expect(menu.getByRole('link', { name, exact: true })).toBeFocused();
  }
  await expect(menu.getByRole('link', { name: 'Home', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Log out' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/login$/);
});

test('on a phone-sized screen the pages fit without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.goto('/login');
  expect(await overflow()).toBeLessThanOrEqual(0);
  const patron = demoPatron('21000004');
  await logIn(page, patron.barcode, patron.pin);
  for (const path of ['/myrecord', '/myrecord/circulation', '/myrecord/renew', '/catalogue?q=austen', '/pin/modify']) {
    await page.goto(path);
    expect(await overflow(), path).toBeLessThanOrEqual(0);
  }
});
