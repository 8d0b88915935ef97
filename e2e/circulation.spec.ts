import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { demoPatron, expect, expectNoAxeViolations, latestMail, logIn, staffLogIn, test } from './fixtures.js';

const counter = DEMO_STAFF[1];

// The journeys follow Wong Siu Ling (21000004), a demo patron who has chosen her PIN.
test('a patron searches, requests a book on loan; the copy is checked in at the counter; the patron sees "ready for pickup"', async ({
  page,
  browser,
}) => {
  const patron = demoPatron('21000004');
  await logIn(page, patron.barcode, patron.pin);

  await page.getByRole('link', { name: 'Book Request' }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel('Title, author, subject or ISBN').fill('dracula stoker');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText('1 record matches "dracula stoker". Page 1 of 1.');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Dracula', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dracula');
  await expect(page.getByText(/On loan, due/)).toBeVisible();
  await expectNoAxeViolations(page);
  // Collected at the main library, where it comes back: straight onto that hold shelf (e2e/hold-transit.spec.ts: elsewhere).
  await page.getByLabel('Pickup location').selectOption({ label: 'Main Library, Circulation Counter, Podium Floor' });
  await page.getByRole('button', { name: 'Request' }).click();
  await expect(page.getByRole('status')).toContainText('You are number 1 in the queue');
  const itemBarcode = (await page.getByRole('row').filter({ hasText: 'On loan' }).first().locator('td').first().textContent())!.trim();

  // At the counter the borrower returns it.
  const desk = await (await browser.newContext()).newPage();
  await staffLogIn(desk, counter.username, counter.password);
  await desk.getByRole('link', { name: 'Check out and check in' }).click();
  await expectNoAxeViolations(desk);
  await desk.locator('#checkin_item').fill(itemBarcode);
  await desk.getByRole('button', { name: 'Check in' }).click();
  await expect(desk.getByRole('status')).toContainText(`put it on the hold shelf for ${patron.name}`);
  await expectNoAxeViolations(desk);

  const mail = await latestMail(patron.email, 'Your requested book is ready for pickup');
  expect(mail.text).toContain('"Dracula", which you requested, is waiting for you at Main Library, Circulation Counter, Podium Floor');
  await page.goto('/myrecord/circulation');
  await expect(page.getByRole('row').filter({ hasText: 'Dracula' })).toContainText('Ready for pickup since');
  await expectNoAxeViolations(page);
});

test('a fine appears on the circulation record after an overdue return at the counter', async ({ page, browser }) => {
  const patron = demoPatron('21000004');
  await logIn(page, patron.barcode, patron.pin);
  await page.getByRole('link', { name: 'View your Circulation Record' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Moby-Dick' })).toContainText('Overdue');
  await expect(page.getByRole('row').filter({ hasText: 'Total to pay' })).toContainText('HK$12.00');
  await expectNoAxeViolations(page);

  // She returns the overdue book at the counter, five days late.
  const desk = await (await browser.newContext()).newPage();
  await staffLogIn(desk, counter.username, counter.password);
  await desk.goto(`/staff/patrons/${patron.barcode}`);
  const line = await desk.getByRole('listitem').filter({ hasText: 'Moby-Dick' }).textContent();
  await desk.getByRole('link', { name: 'Check out and check in' }).click();
  await desk.locator('#checkin_item').fill(line!.split(':')[0]!.trim());
  await desk.getByRole('button', { name: 'Check in' }).click();
  await expect(desk.getByRole('status')).toContainText(`Returned 5 days late: a fine of HK$5.00 was charged to ${patron.name}`);

  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'Overdue: "Moby-Dick; or, The Whale" returned 5 days late' })).toContainText(
    'HK$5.00',
  );
  await expect(page.getByRole('row').filter({ hasText: 'Total to pay' })).toContainText('HK$17.00');
});
