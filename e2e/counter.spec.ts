/**
 * The counter with a barcode scanner: a scanner types the barcode and presses
 * Enter into whichever box has the cursor, so each scan here is typed into the focused element,
 * never into a field chosen by the test.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { DEMO_CATALOGUE_FILE } from '../src/demo/demo-circulation.js';
import { parseCsv } from '../src/lib/csv.js';
import { expect, expectNoAxeViolations, staffLogIn, test } from './fixtures.js';

const counter = DEMO_STAFF[1];

/** A scan: the barcode typed into the focused box, then Enter; returns when the next page has loaded. */
async function scan(page: Page, barcode: string): Promise<void> {
  // As a clerk waits for the cursor: the page puts it in a box once it is shown.
  await page.waitForFunction(() => document.activeElement instanceof HTMLInputElement);
  await page.keyboard.type(barcode);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

/** The item barcodes of a title in the demo catalogue, in the file's order. */
function copiesOf(title: string): string[] {
  const parsed = parseCsv(readFileSync(DEMO_CATALOGUE_FILE, 'utf8'));
  if (!parsed.ok) throw new Error('the demo catalogue does not parse');
  const [header, ...rows] = parsed.records.map((r) => r.values);
  const titleAt = header!.indexOf('title');
  const itemAt = header!.indexOf('item_barcode');
  return rows.filter((row) => row[titleAt] === title).map((row) => row[itemAt]!);
}

/** The item barcode of a title on a patron's list of loans (staff patron page: "item: title, due …"). */
async function loanedItem(desk: Page, patronBarcode: string, title: string): Promise<string> {
  await desk.goto(`/staff/patrons/${patronBarcode}`);
  const line = await desk.getByRole('listitem').filter({ hasText: title }).first().textContent();
  return line!.split(':')[0]!.trim();
}

test('check-in of three books in a row, the second requested: the cursor stays in the check-in box, each outcome is announced once, and the hold-shelf instruction stays listed', async ({
  page: desk,
}) => {
  await staffLogIn(desk, counter.username, counter.password);
  // The first book is lent just now to Li Wei, so that this journey leaves the renewal journey's loans alone.
  const emma = copiesOf('Emma')[0]!;
  await desk.goto('/staff/circulation');
  await scan(desk, '21000003');
  await scan(desk, emma);
  await expect(desk.getByRole('status')).toContainText('Checked out "Emma"');
  // The second was requested by Wong Siu Ling, who collects at the main library: its hold shelf is here.
  const books = [
    { title: 'Emma', item: emma },
    { title: 'Crime and Punishment', item: await loanedItem(desk, '21000002', 'Crime and Punishment') },
    { title: 'War and Peace', item: await loanedItem(desk, '21000002', 'War and Peace') },
  ];

  await desk.getByRole('link', { name: 'Check out and check in' }).click();
  await expect(desk.getByLabel('Patron barcode')).toBeFocused();
  // The clerk puts the cursor in the check-in box once; the scanner does the rest.
  await desk.locator('#checkin_item').click();
  for (const book of books) {
    await scan(desk, book.item);
    await expect(desk).toHaveURL(/\/staff\/circulation\?focus=checkin$/);
    await expect(desk.getByRole('status')).toContainText(`Checked in "${book.title}".`);
    await expect(desk.locator('#checkin_item')).toBeFocused();
    await expect(desk.locator('#checkin_item')).toHaveValue('');
  }
  // After the third, the second's instruction is still on the page: in the list, newest first.
  await expect(desk.getByRole('status')).not.toContainText('hold shelf');
  const list = desk.getByRole('table', { name: 'Check-ins in this session' });
  const rows = list.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('War and Peace');
  await expect(rows.nth(1)).toContainText('Crime and Punishment');
  await expect(rows.nth(1)).toContainText('Requested: put it on the hold shelf for Wong Siu Ling (21000004)');
  await expect(rows.nth(1).getByText('put it on the hold shelf')).toBeVisible();
  await expect(rows.nth(2)).toContainText('Emma');
  await expectNoAxeViolations(desk);

  // A barcode nobody has: the alert names it, the cursor stays, and the list says it was refused.
  await scan(desk, '3900012345');
  await expect(desk.getByRole('alert')).toHaveText('No item has the barcode 3900012345.');
  await expect(desk.locator('#checkin_item')).toBeFocused();
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('3900012345');
  await expect(rows.nth(0)).toContainText('Refused');
  await expectNoAxeViolations(desk);

  // A reload shows the page again, not the outcome, and checks in nothing twice; the list stays.
  await desk.goto('/staff/circulation?focus=checkin');
  await expect(desk.getByRole('status')).toHaveCount(0);
  await expect(desk.locator('#checkin_item')).toBeFocused();
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(2)).toContainText('put it on the hold shelf for Wong Siu Ling');

  // On a phone the list is a card per scan, each field named, and nothing scrolls sideways.
  await desk.setViewportSize({ width: 390, height: 844 });
  await desk.reload();
  expect(await desk.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const card = await list.evaluate((table) => {
    const box = table.closest('.card')!.getBoundingClientRect();
    return { tableRight: table.getBoundingClientRect().right, cardRight: box.right };
  });
  expect(card.tableRight).toBeLessThanOrEqual(card.cardRight);
  await expect(rows.nth(2).locator('td').first()).toHaveAttribute('data-label', 'Item barcode');
  await expectNoAxeViolations(desk);

  // Clear the list: it is empty, and says so.
  await desk.setViewportSize({ width: 1280, height: 800 });
  await Promise.all([desk.waitForEvent('load'), desk.getByRole('button', { name: 'Clear the list' }).click()]);
  await expect(desk.getByRole('status')).toHaveText('The list of check-ins is cleared.');
  await expect(desk.getByText('Nothing checked in yet in this session.')).toBeVisible();
  await expect(desk.locator('#checkin_item')).toBeFocused();

  await desk.goto('/staff/patrons/21000002');
  await expect(desk.getByRole('listitem').filter({ hasText: 'War and Peace' })).toHaveCount(0);
});

test('check-out of two books to one patron: the patron is kept, the list grows with due dates, and a slip prints without the page around it', async ({
  page: desk,
}) => {
  const [jane] = copiesOf('Jane Eyre');
  const [wuthering] = copiesOf('Wuthering Heights');
  await staffLogIn(desk, counter.username, counter.password);
  await desk.getByRole('link', { name: 'Check out and check in' }).click();

  await expect(desk.getByLabel('Patron barcode')).toBeFocused();
  await scan(desk, '21000003');
  await expect(desk).toHaveURL(/\/staff\/circulation\?patron=21000003$/);
  await expect(desk.getByRole('heading', { name: 'Checking out to Li Wei (21000003)' })).toBeVisible();
  await expect(desk.locator('#item_barcode')).toBeFocused();
  // Before the first item: what the patron owes, what is overdue, and whether anything stops a check-out.
  const standing = desk.getByRole('group', { name: 'Fines, overdue items and blocks' });
  await expect(standing).toContainText('Fines owed');
  await expect(standing).toContainText('Overdue');
  await expect(standing).toContainText('Nothing stops a check-out to this patron.');

  await scan(desk, jane!);
  await expect(desk.getByRole('status')).toContainText('Checked out "Jane Eyre" to Li Wei (21000003). Due');
  await expect(desk.locator('#item_barcode')).toBeFocused();
  await scan(desk, wuthering!);
  await expect(desk.getByRole('status')).toContainText('Checked out "Wuthering Heights" to Li Wei (21000003). Due');
  await expect(desk.locator('#item_barcode')).toBeFocused();

  const issued = desk.getByRole('table', { name: 'Checked out in this session' });
  await expect(issued.getByRole('row')).toHaveCount(3);
  const due = (await desk.getByRole('status').textContent())!.match(/Due (.+)\./)![1]!;
  await expect(issued.getByRole('row').nth(1)).toHaveText(new RegExp(`Jane Eyre\\s*${jane}\\s*${due}`));
  await expect(issued.getByRole('row').nth(2)).toHaveText(new RegExp(`Wuthering Heights\\s*${wuthering}\\s*${due}`));
  await expectNoAxeViolations(desk);

  await desk.reload();
  await expect(desk.getByRole('status')).toHaveCount(0);
  await expect(issued.getByRole('row')).toHaveCount(3);

  await desk.getByRole('link', { name: 'Print a slip' }).click();
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Loan slip');
  await expect(desk.getByRole('row').filter({ hasText: 'Jane Eyre' })).toContainText(due);
  await expect(desk.getByRole('row').filter({ hasText: 'Wuthering Heights' })).toContainText(due);
  await expectNoAxeViolations(desk);
  await desk.emulateMedia({ media: 'print' });
  await expect(desk.getByRole('navigation', { name: 'Staff console' })).toBeHidden();
  await expect(desk.getByRole('button', { name: 'Log out' })).toBeHidden();
  await expect(desk.getByText('Print this page')).toBeHidden();
  await expect(desk.getByRole('row').filter({ hasText: 'Wuthering Heights' })).toBeVisible();
});

test('an empty patron box says what to do; "Find a patron" with a whole barcode opens the patron; check-out from the patron\'s page', async ({
  page: desk,
}) => {
  await staffLogIn(desk, counter.username, counter.password);
  await desk.getByRole('link', { name: 'Check out and check in' }).click();
  await expect(desk.getByLabel('Patron barcode')).toBeFocused();
  await desk.keyboard.press('Enter');
  await expect(desk.getByRole('alert')).toHaveText("Scan or type the patron's barcode.");
  await expect(desk.getByLabel('Patron barcode')).toBeFocused();
  await expectNoAxeViolations(desk);

  await desk.getByRole('link', { name: 'Find a patron' }).click();
  await expect(desk.getByLabel('Barcode or part of the name')).toBeFocused();
  await scan(desk, '21000002');
  await expect(desk).toHaveURL(/\/staff\/patrons\/21000002$/);
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Maria Santos (21000002)');

  const [middlemarch] = copiesOf('Middlemarch');
  await desk.getByLabel('Item barcode').fill(middlemarch!);
  await desk.getByRole('button', { name: 'Check out', exact: true }).click();
  await expect(desk).toHaveURL(/\/staff\/circulation\?patron=21000002$/);
  await expect(desk.getByRole('status')).toContainText('Checked out "Middlemarch" to Maria Santos (21000002)');
  await expect(desk.locator('#item_barcode')).toBeFocused();
});

test('at phone width the counter and the slip fit the screen, their tables inside their cards, in both languages', async ({
  page: desk,
}) => {
  await desk.setViewportSize({ width: 390, height: 844 });
  await staffLogIn(desk, counter.username, counter.password);
  // Two books for Li Wei in this session, so that the list and the slip have rows.
  await desk.goto('/staff/circulation');
  await scan(desk, '21000003');
  for (const title of ['Great Expectations', 'Persuasion']) await scan(desk, copiesOf(title)[0]!);
  await expect(desk.getByRole('table', { name: 'Checked out in this session' }).getByRole('row')).toHaveCount(3);
  // And a check-in refused, so that the list of check-ins has a row, with a long barcode that must wrap.
  await desk.locator('#checkin_item').click();
  await scan(desk, '39000123456789012345678901234567');
  await expect(desk.getByRole('table', { name: 'Check-ins in this session' }).locator('tbody tr')).toHaveCount(1);
  const overflow = () => desk.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  /** How far the widest table reaches past the inside of its card (its padding), in pixels. */
  const tablesPastCards = () =>
    desk.evaluate(() =>
      Math.max(
        0,
        ...Array.from(document.querySelectorAll('.card table')).map((table) => {
          const card = table.closest('.card')!;
          return (
            table.getBoundingClientRect().right - (card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight))
          );
        }),
      ),
    );
  for (const language of ['en', 'zh-HK']) {
    // The language cookie alone, set after login: the switch would also change the shared demo account's language.
    await desk.context().addCookies([{ name: 'myrecord.lang', value: language, url: new URL(desk.url()).origin }]);
    for (const path of ['/staff/circulation', '/staff/circulation?patron=21000003', '/staff/circulation/slip?patron=21000003']) {
      await desk.goto(path);
      expect(await overflow(), `${language} ${path}`).toBeLessThanOrEqual(0);
      expect(await tablesPastCards(), `${language} ${path}`).toBeLessThanOrEqual(0.5);
    }
  }
});
