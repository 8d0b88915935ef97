/**
 * A hold that travels: requested for pickup at the Law Library, returned at the
 * main library's counter, sent on; ready, and mailed once, only when checked in at Law.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { parseMail } from '../src/test-support/test-smtp.js';
import { demoPatron, expect, expectNoAxeViolations, latestMail, logIn, staffLogIn, test } from './fixtures.js';

const counter = DEMO_STAFF[1];
const READY = 'Your requested book is ready for pickup';

/** How many "ready for pickup" mails about this title the e2e server has written to the address. */
function readyMailsAbout(to: string, title: string): number {
  const outbox = join(dirname(process.env.MYRECORD_E2E_DB!), 'outbox');
  if (!existsSync(outbox)) return 0;
  return readdirSync(outbox)
    .filter((file) => file.endsWith('.eml'))
    .map((file) => readFileSync(join(outbox, file), 'utf8'))
    .filter((raw) => raw.includes(to))
    .map((raw) => parseMail(raw, [to]))
    .filter((mail) => mail.subject === READY && mail.text.includes(`"${title}"`)).length;
}

test('a hold for the Law Library, returned at the main counter: in transit, then ready at Law, mailed once', async ({ page, browser }) => {
  const patron = demoPatron('21000004');
  await logIn(page, patron.barcode, patron.pin);
  await page.goto('/catalogue?q=kidnapped%20stevenson');
  await page.getByRole('link', { name: 'Kidnapped', exact: true }).click();
  const recordPage = page.url();
  await page.getByLabel('Pickup location').selectOption({ label: 'Law Library, Service Counter' });
  await page.getByRole('button', { name: 'Request' }).click();
  await expect(page.getByRole('status')).toContainText('You are number 1 in the queue');
  const item = (await page.getByRole('row').filter({ hasText: 'On loan' }).first().locator('td').first().textContent())!.trim();

  // Returned at the main library's counter.
  const desk = await (await browser.newContext()).newPage();
  await staffLogIn(desk, counter.username, counter.password);
  await desk.getByRole('link', { name: 'Check out and check in' }).click();
  await desk.getByRole('radio', { name: 'Main Library, Circulation Counter, Podium Floor' }).check();
  await desk.getByRole('button', { name: 'Set counter' }).click();
  await expect(desk.getByRole('status')).toHaveText('Your counter is now Main Library, Circulation Counter, Podium Floor.');
  await desk.locator('#checkin_item').click();
  await desk.keyboard.type(item);
  await Promise.all([desk.waitForEvent('load'), desk.keyboard.press('Enter')]);
  await expect(desk.getByRole('status')).toContainText(
    'Requested for pickup at Law Library, Service Counter: send it there (in transit). Wong Siu Ling (21000004) is e-mailed when it is checked in there.',
  );
  await expectNoAxeViolations(desk);

  // The patron sees it on its way, and so does the catalogue; no mail yet.
  await page.goto('/myrecord/circulation');
  await expect(page.getByRole('row').filter({ hasText: 'Kidnapped' })).toContainText('In transit to Law Library, Service Counter');
  await expectNoAxeViolations(page);
  await page.goto(recordPage);
  await expect(page.getByRole('row').filter({ hasText: item })).toContainText('In transit to Law Library, Service Counter');
  expect(readyMailsAbout(patron.email, 'Kidnapped')).toBe(0);

  // It arrives at the Law Library's desk.
  await desk.getByRole('radio', { name: 'Law Library, Service Counter' }).check();
  await desk.getByRole('button', { name: 'Set counter' }).click();
  await desk.locator('#checkin_item').click();
  await desk.keyboard.type(item);
  await Promise.all([desk.waitForEvent('load'), desk.keyboard.press('Enter')]);
  await expect(desk.getByRole('status')).toContainText('Requested: put it on the hold shelf for Wong Siu Ling (21000004) until');

  const mail = await latestMail(patron.email, READY);
  expect(mail.text).toContain('"Kidnapped", which you requested, is waiting for you at Law Library, Service Counter');
  await page.goto('/myrecord/circulation');
  await expect(page.getByRole('row').filter({ hasText: 'Kidnapped' })).toContainText('Ready for pickup since');

  // Scanned again at Law: nothing happens twice.
  await desk.locator('#checkin_item').click();
  await desk.keyboard.type(item);
  await Promise.all([desk.waitForEvent('load'), desk.keyboard.press('Enter')]);
  await expect(desk.getByRole('alert')).toHaveText(`The item ${item} is not on loan.`);
  expect(readyMailsAbout(patron.email, 'Kidnapped')).toBe(1);
});
