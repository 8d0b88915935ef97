/**
 * Book Request and the counter over HTTP: searching the catalogue, requesting and cancelling, a
 * returned copy held for the first in the queue (who is mailed), an overdue return fined, and a
 * payment of that fine.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { localizerFor } from '../../messages/index.js';
import { counterDesk, itemsOf, recordIdOf as recordIdIn } from '../../test-support/counter-desk.js';

const { formatDate } = localizerFor('en');

let portal: TestPortal;
let smtp: TestSmtp;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close: stop } = await startPortalWithMail());
  // Maria Santos leaves the default PIN for one of her own, as she does before she renews (patron-circulation.int.test.ts).
  const maria = new TestBrowser(portal.url);
  await maria.logIn('21000002', 'XY1234');
  await maria.get('/pin/modify');
  await maria.post('/pin/modify', { current_pin: 'XY1234', new_pin: 'v6b3n9m1', confirm_pin: 'v6b3n9m1' });
});
after(() => stop());

async function patron(barcode = '21000004', pin = 'K7M2P9'): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  assert.equal((await b.logIn(barcode, pin)).status, 303);
  return b;
}
const counter = () => counterDesk(portal);
const recordIdOf = (title: string) => recordIdIn(portal.portal.db, title);
const itemOf = (title: string) => itemsOf(portal.portal.db, title)[0]!;
const today = () => libraryDateOf(portal.clock.now());

describe('Book Request', () => {
  test('search is ranked and paged, and any characters are safe', async () => {
    const b = await patron();
    const dickens = await b.get('/catalogue?q=Dickens');
    assert.match(dickens.text, /20 records match &#34;Dickens&#34;\. Page 1 of 1\./);
    const fiction = await b.get('/catalogue?q=fiction&page=2');
    assert.match(fiction.text, /Page 2 of \d+/);
    for (const q of ['"', 'NEAR(a b)', '*', '-x', 'a OR', '紅樓夢', "'; DROP TABLE records; --", '%', '']) {
      const answer = await b.get(`/catalogue?q=${encodeURIComponent(q)}`);
      assert.equal(answer.status, 200, q);
    }
    const ranked = await b.get('/catalogue?q=prejudice%20austen');
    assert.match(
      ranked.text,
      /<ol class="results-list" start="1">\s*<li>\s*<a class="link" href="\/catalogue\/\d+\?q=prejudice\+austen">Pride and Prejudice<\/a>/,
    );
  });

  test('a record shows its copies and status; a copy on the shelf means no request form', async () => {
    const b = await patron();
    const onShelf = await b.get(`/catalogue/${recordIdOf('Emma')}`);
    assert.match(onShelf.text, /On the shelf/);
    assert.match(onShelf.text, /A copy is on the shelf/);
    assert.doesNotMatch(onShelf.text, />Request<\/button>/);
    assert.equal((await b.post(`/catalogue/${recordIdOf('Emma')}/request`, { pickup: '1' })).status, 422);
    assert.equal((await b.get('/catalogue/99999')).status, 404);
  });

  test('request, place in the queue, one per title, none for a title on loan to you, cancel', async () => {
    const b = await patron('21000002', 'V6B3N9M1');
    const page = await b.get(`/catalogue/${recordIdOf('Dracula')}`);
    assert.match(page.text, /On loan, due/);
    const placed = await b.post(`/catalogue/${recordIdOf('Dracula')}/request`, { pickup: '2' });
    assert.equal(placed.status, 303);
    assert.match((await b.get(placed.headers.get('location')!)).text, /Requested &#34;Dracula&#34;\. You are number 1 in the queue/);
    const again = await b.post(`/catalogue/${recordIdOf('Dracula')}/request`, { pickup: '2' });
    assert.equal(again.status, 422);
    assert.match(again.text, /You have requested this book already/);
    const mine = await b.post(`/catalogue/${recordIdOf('War and Peace')}/request`, { pickup: '1' });
    assert.match(mine.text, /You have this book on loan already/);

    const circulation = await b.get('/myrecord/circulation');
    const cancel = /href="(\/myrecord\/requests\/\d+\/cancel)" aria-label="Cancel request for Dracula"/.exec(circulation.text)?.[1];
    assert.ok(cancel, 'Cancel is a link to the page that asks to confirm');
    const confirm = await b.get(cancel);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /<h1>Cancel your request for &#34;Dracula&#34;\?<\/h1>/);
    assert.match(
      confirm.text,
      new RegExp(`<form method="post" action="${cancel}"[\\s\\S]*?<button type="submit" class="button">Cancel request</button>`),
    );
    assert.match(confirm.text, /<a class="link" href="\/myrecord\/circulation">Keep the request<\/a>/);
    assert.match((await b.get(`${cancel}?from=record`)).text, new RegExp(`href="/catalogue/${recordIdOf('Dracula')}">Keep the request`));
    // Looking at the page changes nothing: the request is still there.
    assert.match((await b.get('/myrecord/circulation')).text, /aria-label="Cancel request for Dracula"/);
    const cancelled = await b.post(cancel, {});
    assert.equal(cancelled.status, 303);
    assert.equal(cancelled.headers.get('location'), '/myrecord/circulation');
    assert.match((await b.get('/myrecord/circulation')).text, /Your request for &#34;Dracula&#34; was cancelled/);
    // Sent again (a reload, another tab): nothing changes, and the patron is told so, not shown a 404.
    const twice = await b.post(cancel, {});
    assert.equal(twice.status, 303, 'cancelling twice');
    assert.match(
      (await b.get('/myrecord/circulation')).text,
      /Your request for &#34;Dracula&#34; is no longer open: nothing was changed\./,
    );
    assert.equal((await b.get(cancel)).status, 303, 'the confirmation of a cancelled request');
    // Another patron's request is not found, to look at or to cancel.
    const other = await patron();
    await other.get('/myrecord/circulation');
    assert.equal((await other.get(cancel)).status, 404);
    assert.equal((await other.post(cancel, {})).status, 404);
  });
});

describe('at the counter', () => {
  test('check-in of a requested copy holds it for the first in the queue, who is mailed and sees "ready for pickup"', async () => {
    const staff = await counter();
    const posted = await staff.post('/staff/checkin', { item_barcode: itemOf('Crime and Punishment') });
    assert.equal(posted.status, 303);
    const answer = await staff.shown(posted);
    assert.match(answer.text, /Checked in &#34;Crime and Punishment&#34;/);
    assert.match(answer.text, /put it on the hold shelf for Wong Siu Ling \(21000004\)/);
    const mail = await smtp.waitFor(
      (m) => m.to.includes('siu-ling.wong@example.edu') && m.subject === 'Your requested book is ready for pickup',
    );
    assert.match(mail.text, /"Crime and Punishment", which you requested, is waiting for you at Main Library/);
    const page = await (await patron()).get('/myrecord/circulation');
    assert.match(page.text, /Ready for pickup since/);

    // Held for her: nobody else may take it; she may.
    assert.match(
      (await staff.post('/staff/checkout', { patron_barcode: '21000001', item_barcode: itemOf('Crime and Punishment') })).text,
      /on the hold shelf for another patron/,
    );
    const out = await staff.shown(
      await staff.post('/staff/checkout', { patron_barcode: '21000004', item_barcode: itemOf('Crime and Punishment') }),
    );
    assert.match(
      out.text,
      new RegExp(`Checked out &#34;Crime and Punishment&#34; to Wong Siu Ling \\(21000004\\)\\. Due ${formatDate(addDays(today(), 90))}`),
    );
  });

  test("an overdue return is fined at the patron type's rate, and the patron sees the fine", async () => {
    const staff = await counter();
    portal.clock.advance(0);
    // Maria's "War and Peace" was due in 30 days: return it 40 days from now, 10 days late.
    portal.clock.advance(40 * 86_400_000);
    const staffNow = await counter();
    const answer = await staffNow.shown(await staffNow.post('/staff/checkin', { item_barcode: itemOf('War and Peace') }));
    assert.match(answer.text, /Returned 10 days late: a fine of HK\$10\.00 was charged to Maria Santos/);
    const page = await (await patron('21000002', 'V6B3N9M1')).get('/myrecord/circulation');
    assert.match(page.text, /Overdue: &#34;War and Peace&#34; returned 10 days late/);
    assert.match(page.text, /Total to pay[\s\S]*?HK\$10\.00/);
    void staff;
  });

  test('a payment is recorded, no more than is owed, and audited', async () => {
    const staff = await counter();
    await staff.get('/staff/patrons/21000002');
    const over = await staff.post('/staff/patrons/21000002/payment', { amount: '50', method: 'cash' });
    assert.equal(over.status, 422);
    assert.match(over.text, /more than the patron owes \(HK\$10\.00\)/);
    const paid = await staff.post('/staff/patrons/21000002/payment', { amount: '4.50', method: 'cash' });
    assert.equal(paid.status, 303);
    assert.match((await staff.get(paid.headers.get('location')!)).text, /Maria Santos now owes HK\$5\.50/);
    const entries = portal.portal.audit.search({ patronBarcode: '21000002', limit: 10 }).map((e) => e.action);
    assert.ok(entries.includes('fine.paid'));
    assert.ok(entries.includes('item.checked-in'));
  });

  test('bad barcodes get 422 with a message', async () => {
    const staff = await counter();
    assert.equal((await staff.post('/staff/checkout', { patron_barcode: 'NOBODY', item_barcode: 'X' })).status, 422);
    assert.match((await staff.post('/staff/checkin', { item_barcode: 'NO-SUCH' })).text, /No item has the barcode NO-SUCH\./);
  });
});
