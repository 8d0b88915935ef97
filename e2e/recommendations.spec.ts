import type { Page } from '@playwright/test';
import { choosePin, expect, expectNoAxeViolations, latestMail, logIn, registerPatron, staffLogIn, test } from './fixtures.js';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';

/** The ISBN of "Pride and Prejudice" in the demo catalogue; every copy is on loan, so a request for it waits in the queue. */
const PRIDE_ISBN = '9780860002741';
const acquisitions = DEMO_STAFF.find((member) => member.username === 'acquisitions')!;

/** One recommendation's card in the acquisitions queue, found by its title. */
const queueCard = (page: Page, title: string) =>
  page.getByRole('article').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

// A patron of its own (registered here) recommends two books; the one the catalogue holds is bought as another copy and
// requested for the patron, who cancels that request at the end, so that the renewal journey after this one finds the
// demo loans of "Pride and Prejudice" free of requests.
test('a patron recommends a book the catalogue holds (after confirming) and one it lacks; acquisitions accept, order and mark it available; the request is on the circulation record', async ({
  browser,
  page,
}) => {
  // Two people's work in one journey, with axe at two widths on each new page.
  test.setTimeout(120_000);
  const patron = await registerPatron(browser, {
    barcode: '29120001',
    name: 'Lau Ka Ming',
    email: 'ka-ming.lau@example.edu',
    passport: 'R5550001',
  });
  await logIn(page, patron.barcode, patron.pin);
  await choosePin(page, patron.pin, 'h4k8m2p6');

  await page.locator('#main').getByRole('link', { name: 'Book Recommendation' }).click();
  await expect(page).toHaveURL(/\/myrecord\/recommendations$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Book Recommendation');
  await expectNoAxeViolations(page);

  await page.locator('#main').getByRole('link', { name: 'Recommend a book' }).click();
  await expect(page.getByText('You have 0 of 5 open recommendations.')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByLabel('Recommend it anyway')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A book the catalogue has: asked to confirm, with the record linked.
  await page.getByLabel('Title', { exact: true }).fill('Pride and Prejudice');
  await page.getByLabel('Author').fill('Jane Austen');
  await page.getByRole('group', { name: 'Format' }).getByLabel('Print').check();
  await page.getByRole('group', { name: 'Reason' }).getByLabel('Course reading').check();
  await page.getByLabel('Note').fill('A second copy for the course reserve, please.');
  await page.getByRole('checkbox', { name: 'Request it for me when it arrives' }).check();
  await page.getByLabel('Pickup location').selectOption({ label: 'Main Library, Circulation Counter, Podium Floor' });
  await page.getByRole('button', { name: 'Send recommendation' }).click();
  await expect(page.getByRole('alert')).toContainText('The catalogue already has “Pride and Prejudice”.');
  await expect(page.getByRole('link', { name: 'See the record' })).toHaveAttribute('href', /^\/catalogue\/\d+$/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Recommend it anyway').check();
  await page.getByRole('button', { name: 'Send recommendation' }).click();
  await expect(page).toHaveURL(/\/myrecord\/recommendations$/);
  await expect(page.getByRole('status')).toHaveText(
    'Thank you: your recommendation of “Pride and Prejudice” has been sent to the library.',
  );

  // A book it lacks.
  await page.locator('#main').getByRole('link', { name: 'Recommend a book' }).click();
  await expect(page.getByText('You have 1 of 5 open recommendations.')).toBeVisible();
  await page.getByLabel('Title', { exact: true }).fill('Braiding Sweetgrass');
  await page.getByLabel('Author').fill('Robin Wall Kimmerer');
  await page.getByLabel('ISBN').fill('978-1-57131-356-0');
  await page.getByRole('group', { name: 'Format' }).getByLabel('Either').check();
  await page.getByRole('group', { name: 'Reason' }).getByLabel('General interest').check();
  await page.getByRole('button', { name: 'Send recommendation' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Thank you: your recommendation of “Braiding Sweetgrass” has been sent to the library.',
  );
  await expect(page.getByRole('region', { name: 'Braiding Sweetgrass' })).toContainText('Submitted');
  await expect(page.getByRole('button', { name: 'Cancel recommendation' })).toHaveCount(2);
  await expectNoAxeViolations(page);

  // Acquisitions staff: the lacking book accepted by ticking it, the held one taken through to available.
  const desk = await (await browser.newContext()).newPage();
  await staffLogIn(desk, acquisitions.username, acquisitions.password);
  await desk.getByRole('link', { name: 'Recommendations' }).first().click();
  await expect(desk).toHaveURL(/\/staff\/recommendations$/);
  await expectNoAxeViolations(desk);
  // On a phone, the queue and its forms fit: nothing to scroll sideways.
  await desk.setViewportSize({ width: 390, height: 844 });
  expect(await desk.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await desk.setViewportSize({ width: 1280, height: 800 });
  await desk.getByLabel('Tick “Braiding Sweetgrass”').check();
  const bulk = desk.locator('#bulk-form');
  await bulk.getByLabel('New status').selectOption('accepted');
  await bulk.getByRole('button', { name: 'Change the ticked ones' }).click();
  await expect(desk.getByRole('status')).toHaveText('1 recommendation is now “Accepted”, and their supporters have been e-mailed.');
  await expect(queueCard(desk, 'Braiding Sweetgrass')).toContainText('Accepted');

  for (const [status, shown] of [
    ['accepted', '“Pride and Prejudice” is now “Accepted”'],
    ['ordered', '“Pride and Prejudice” is now “Ordered”'],
  ] as const) {
    const card = queueCard(desk, 'Pride and Prejudice');
    await card.getByLabel('New status').selectOption(status);
    await card.getByRole('button', { name: 'Change status' }).click();
    await expect(desk.getByRole('status')).toContainText(shown);
  }
  const pride = queueCard(desk, 'Pride and Prejudice');
  await pride.getByLabel('New status').selectOption('available');
  await pride.getByLabel('ISBN of the catalogue record').fill('12345');
  await pride.getByRole('button', { name: 'Change status' }).click();
  await expect(desk.getByRole('alert')).toContainText('No catalogue record has that ISBN');
  await expectNoAxeViolations(desk);
  await queueCard(desk, 'Pride and Prejudice').getByLabel('ISBN of the catalogue record').fill(PRIDE_ISBN);
  await queueCard(desk, 'Pride and Prejudice').getByLabel('New status').selectOption('available');
  await queueCard(desk, 'Pride and Prejudice').getByRole('button', { name: 'Change status' }).click();
  await expect(desk.getByRole('status')).toHaveText(
    '“Pride and Prejudice” is now “Available in the library”; its supporters have been e-mailed. 1 request was placed for a supporter.',
  );
  await expect(queueCard(desk, 'Pride and Prejudice')).toContainText('Closed: its status can no longer change.');
  await expectNoAxeViolations(desk);
  await desk.context().close();

  const mail = await latestMail(patron.email, 'Your book recommendation “Pride and Prejudice”: Available in the library');
  expect(mail.text).toContain(
    'we have requested it for you as you asked: you are number 1 in the queue, for pickup at Main Library, Circulation Counter, Podium Floor',
  );

  // The patron: the whole history, and the request on the circulation record.
  await page.goto('/myrecord/recommendations');
  const card = page.getByRole('region', { name: 'Pride and Prejudice' });
  await expect(card.getByRole('list', { name: 'History' }).getByRole('listitem')).toHaveText([
    /^\s*Submitted/,
    /^\s*Accepted/,
    /^\s*Ordered/,
    /^\s*Available in the library/,
  ]);
  await expect(card.getByRole('link', { name: 'See it in the catalogue' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/myrecord/circulation');
  const request = page.getByRole('row').filter({ hasText: 'Pride and Prejudice' });
  await expect(request).toContainText('Main Library, Circulation Counter, Podium Floor');

  // Cancelled again, so the journeys after this one find "Pride and Prejudice" as the demo left it.
  await request.getByRole('link', { name: /Cancel/ }).click();
  await page.getByRole('button', { name: 'Cancel request' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Pride and Prejudice' })).toHaveCount(0);
});
