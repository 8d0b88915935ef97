import type { Page } from '@playwright/test';
import { demoPatron, expect, expectNoAxeViolations, logIn, test } from './fixtures.js';

/** Every element of the page inside the viewport's width: nothing cut off, no sideways scrolling. */
async function expectNothingOutsideViewport(page: Page): Promise<void> {
  const outside = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll('main *'))
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.left < 0 || box.right > width + 0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.trim().slice(0, 40)}`);
  });
  expect(outside).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

// Wong Siu Ling (21000004) requests "Kidnapped", whose every copy is on loan, and cancels it at the end:
// the hold-in-transit journey requests it again.
test('reload after every form: a request ends on the record page, which shows it; a reload shows the same and sends nothing', async ({
  page,
}) => {
  const patron = demoPatron('21000004');
  await logIn(page, patron.barcode, patron.pin);
  await page.getByRole('link', { name: 'Book Request' }).click();
  await page.getByLabel('Title, author, subject or ISBN').fill('stevenson');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: 'Kidnapped', exact: true }).click();
  await expect(page).toHaveURL(/\/catalogue\/\d+\?q=stevenson$/);
  const recordUrl = page.url();

  await page.getByLabel('Pickup location').selectOption({ label: 'Law Library, Service Counter' });
  await page.getByRole('button', { name: 'Request' }).click();
  await expect(page).toHaveURL(recordUrl);
  await expect(page.getByRole('status')).toHaveText(
    'Requested "Kidnapped". You are number 1 in the queue; we will e-mail you when it is ready.',
  );
  const state = page.getByText('You requested this book: place 1 in the queue, for pickup at Law Library, Service Counter.');
  await expect(state).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cancel request' })).toHaveAttribute(
    'href',
    /^\/myrecord\/requests\/\d+\/cancel\?from=record$/,
  );
  await expect(page.getByRole('button', { name: 'Request' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The reload is a GET of the record page: no form is sent again, and the page is the same less the one-time notice.
  const methods: string[] = [];
  page.on('request', (request) => methods.push(request.method()));
  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(200);
  expect(methods.filter((method) => method !== 'GET')).toEqual([]);
  await expect(state).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Request' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to the search' }).click();
  await expect(page).toHaveURL(/\/catalogue\?q=stevenson$/);
  await expect(page.getByLabel('Title, author, subject or ISBN')).toHaveValue('stevenson');

  await page.goto('/myrecord/circulation');
  await expect(page.getByRole('row').filter({ hasText: 'Kidnapped' })).toHaveCount(1);

  // Cancelled from the record, after the question: the title is free for the journeys after this one.
  await page.goto(recordUrl);
  await page.getByRole('link', { name: 'Cancel request' }).click();
  await page.getByRole('button', { name: 'Cancel request' }).click();
  await expect(page).toHaveURL(/\/myrecord\/circulation$/);
  await expect(page.getByRole('row').filter({ hasText: 'Kidnapped' })).toHaveCount(0);
});

test('search on a phone: what to type, numbered page links that fit, the current page marked, and back to the same page', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const patron = demoPatron('21000004');
  await logIn(page, patron.barcode, patron.pin);
  await page.goto('/catalogue');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toContainText('Type one or more words from a title');

  await page.getByLabel('Title, author, subject or ISBN').fill('the');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]q=the\b/);
  await expect(page.getByRole('status')).toContainText('Page 1 of');
  const pages = Number(/Page 1 of (\d+)\./.exec((await page.getByRole('status').textContent()) ?? '')?.[1]);
  expect(pages).toBeGreaterThan(3);
  const pager = page.getByRole('navigation', { name: 'Result pages' });
  await expect(pager.getByRole('link', { name: 'Page 1', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(pager.getByRole('link', { name: `Page ${pages}`, exact: true })).toBeVisible();
  await expect(pager.getByRole('link', { name: 'Previous page' })).toHaveCount(0);
  await expectNothingOutsideViewport(page);
  await expectNoAxeViolations(page);

  await pager.getByRole('link', { name: 'Page 3', exact: true }).click();
  await expect(page).toHaveURL(/\/catalogue\?q=the&page=3$/);
  await expect(page.getByRole('status')).toHaveText(new RegExp(`Page 3 of ${pages}\\.$`));
  await expect(pager.getByRole('link', { name: 'Page 3', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(pager.getByRole('link', { name: 'Page 1', exact: true })).not.toHaveAttribute('aria-current');
  for (const name of ['Previous page', 'Next page', 'Page 2', 'Page 4', `Page ${pages}`])
    await expect(pager.getByRole('link', { name, exact: true })).toBeVisible();
  await expectNothingOutsideViewport(page);

  // From a record on page 3, back to page 3 of the same search.
  await page.locator('.results-list a').first().click();
  await expect(page).toHaveURL(/\/catalogue\/\d+\?q=the&page=3$/);
  await expectNothingOutsideViewport(page);
  await page.getByRole('link', { name: 'Back to the search' }).click();
  await expect(page).toHaveURL(/\/catalogue\?q=the&page=3$/);
  await expect(pager.getByRole('link', { name: 'Page 3', exact: true })).toHaveAttribute('aria-current', 'page');

  // A page past the last is the last.
  await page.goto('/catalogue?q=the&page=9999');
  await expect(page.getByRole('status')).toHaveText(new RegExp(`Page ${pages} of ${pages}\\.$`));
  await expect(pager.getByRole('link', { name: `Page ${pages}`, exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(pager.getByRole('link', { name: 'Next page' })).toHaveCount(0);
});
