import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { addDays, libraryDateOf } from '../../domain/circulation/library-date.js';
import { localizerFor } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';

const { formatDate } = localizerFor('en');

let portal: TestPortal;
let smtp: TestSmtp;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close: stop } = await startPortalWithMail());
});
after(() => stop());

async function patron(barcode = '21000004', pin = 'K7M2P9'): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  assert.equal((await b.logIn(barcode, pin)).status, 303);
  return b;
}
async function counter(): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: DEMO_STAFF[1].username, password: DEMO_STAFF[1].password })).status, 303);
  await b.get('/staff/circulation');
  return b;
}
const recordIdOf = (title: string) => prepare(portal.portal.db, 'SELECT id FROM records WHERE title = ?').pluck().get(title) as number;
const itemOf = (title: string) =>
  prepare(
    portal.portal.db,
    'SELECT c.item_barcode FROM copies c JOIN records r ON r.id = c.record_id WHERE r.title = ? ORDER BY c.id LIMIT 1',
  )
    .pluck()
    .get(title) as string;
const today = () => libraryDateOf(portal.clock.now());

describe('the myRecord home', () => {
  test("lists the seven services by the library's names; the built ones open with a summary, the others plainly not yet available", async () => {
    const home = await (await patron()).get('/myrecord');
    assert.match(
      home.text,
      /<a class="services__name link" href="\/myrecord\/circulation">View your Circulation Record<\/a>\s*<span class="services__status">3 items on loan, 1 overdue<\/span>/,
    );
    assert.match(home.text, /href="\/myrecord\/renew">Book Renewal</);
    assert.match(home.text, /href="\/catalogue">Book Request<\/a>\s*<span class="services__status">1 request<\/span>/);
    assert.match(
      home.text,
      /href="\/myrecord\/recommendations">Book Recommendation<\/a>\s*<span class="services__status">2 recommendations in progress/,
    );
    assert.match(
      home.text,
      /href="\/myrecord\/ill">Interlibrary Loan Request<\/a>\s*<span class="services__status">1 request in progress, 1 copy to download</,
    );
    // iBooking: the demo's next booking of hers, tomorrow (a room, or on a Sunday when rooms close, a computer).
    assert.match(
      home.text,
      /href="\/myrecord\/bookings">iBooking<\/a>\s*<span class="services__status">(Room|Computer) booked on [^<]+ \d\d:\d\d–\d\d:\d\d<\/span>/,
    );
    // The demo member of staff has one deposit, published.
    assert.match(
      home.text,
      /href="\/myrecord\/deposits">Institutional Research Archive Online Submission<\/a>\s*<span class="services__status">None under review, 1 published</,
    );
    assert.match(home.text, /Fines to pay: HK\$12\.00/);
  });

  test('none of the services opens for a visitor, or for a patron still on the default PIN: each is sent on, to come back after', async () => {
    for (const path of ['/myrecord/circulation', '/myrecord/renew', '/catalogue', '/catalogue/1', '/myrecord/recommendations']) {
      assert.equal((await new TestBrowser(portal.url).get(path)).headers.get('location'), `/login?next=${encodeURIComponent(path)}`, path);
    }
    const onDefault = await patron('21000003', '110105');
    for (const path of ['/myrecord/circulation', '/myrecord/renew', '/catalogue']) {
      assert.equal((await onDefault.get(path)).headers.get('location'), `/pin/modify?next=${encodeURIComponent(path)}`, path);
    }
  });
});

describe('View your Circulation Record', () => {
  test('shows loans with due dates, the overdue one marked, renewals used of allowed; the request and its place; fines and total', async () => {
    const page = await (await patron()).get('/myrecord/circulation');
    assert.equal(page.status, 200);
    assert.match(page.text, /Moby-Dick; or, The Whale[\s\S]*?PS\d+[\s\S]*?Overdue/);
    assert.match(page.text, /10 of 10/);
    assert.match(
      page.text,
      /Crime and Punishment[\s\S]*?Main Library, Circulation Counter, Podium Floor[\s\S]*?<td data-label="Place in queue">1<\/td>[\s\S]*?Waiting/,
    );
    assert.match(page.text, /Overdue: &#34;Emma&#34; returned 12 days late/);
    assert.match(page.text, /Total to pay[\s\S]*?HK\$12\.00/);
  });
});

describe('Book Renewal', () => {
  test('renew all: each item gets its new due date or the reason in words ("10 of 10")', async () => {
    const b = await patron();
    const form = await b.get('/myrecord/renew');
    const all = [...form.text.matchAll(/name="loan" value="([^"]+)"/g)].map((m) => m[1]!);
    const posted = await b.post('/myrecord/renew', { all: 'yes', loan: all });
    assert.equal(posted.status, 303);
    assert.equal(posted.headers.get('location'), '/myrecord/renew');
    const answer = await b.get('/myrecord/renew');
    const due = formatDate(addDays(today(), 90));
    assert.match(answer.text, new RegExp(`Moby-Dick; or, The Whale</strong><br>Renewed: now due ${due}\\.`));
    assert.match(answer.text, new RegExp(`Pride and Prejudice</strong><br>Renewed: now due ${due}\\.`));
    assert.match(answer.text, /The Brothers Karamazov<\/strong><br>Not renewed: renewal limit reached \(10 of 10\)\./);
  });

  test('a double submit renews once: the second says the item was renewed already', async () => {
    const b = await patron('21000001', 'Z12345');
    await b.get('/pin/modify');
    await b.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'g5h8j2k4', confirm_pin: 'g5h8j2k4' });
    const form = await b.get('/myrecord/renew');
    const choice = /name="renew" value="([^"]+)">\s*<label[^>]*>Treasure Island/.exec(form.text)?.[1] ?? '';
    const [first, second] = await Promise.all([b.post('/myrecord/renew', { renew: choice }), b.post('/myrecord/renew', { renew: choice })]);
    assert.deepEqual([first.status, second.status], [303, 303]);
    // The same form sent once more (a resend): nothing is renewed twice, and the page says so.
    assert.equal((await b.post('/myrecord/renew', { renew: choice })).status, 303);
    assert.match((await b.get('/myrecord/renew')).text, /Treasure Island<\/strong><br>Already renewed:/);
    const renewals: unknown = prepare(
      portal.portal.db,
      "SELECT l.renewals FROM loans l JOIN copies c ON c.id = l.copy_id JOIN records r ON r.id = c.record_id WHERE r.title = 'Treasure Island' AND l.returned_at IS NULL",
    )
      .pluck()
      .get();
    assert.equal(renewals, 1);
  });

  test('an item requested by another patron is marked so on the form, its box cannot be ticked, and a forged tick is refused with the reason', async () => {
    const b = await patron('21000002', 'XY1234');
    await b.get('/pin/modify');
    await b.post('/pin/modify', { current_pin: 'XY1234', new_pin: 'v6b3n9m1', confirm_pin: 'v6b3n9m1' });
    const form = await b.get('/myrecord/renew');
    const box = /<input type="checkbox" id="renew-(\d+)" name="renew" value="([^"]+)"([^>]*)>\s*<label[^>]*>Crime and Punishment/.exec(
      form.text,
    );
    assert.ok(box, 'the box of Crime and Punishment');
    assert.match(box[3]!, /disabled aria-describedby="outcome-\d+"/);
    assert.match(form.text, new RegExp(`id="outcome-${box[1]}"[^>]*>Cannot be renewed: requested by another patron\\.`));
    assert.equal((await b.post('/myrecord/renew', { renew: box[2]! })).status, 303);
    assert.match((await b.get('/myrecord/renew')).text, /Crime and Punishment<\/strong><br>Not renewed: requested by another patron\./);
  });

  test('renewing again the same day says the item is already due on the latest date allowed, not that the record expires', async () => {
    // Kidnapped, Ho Ka Yan's overdue loan (her PIN was chosen in the double-submit test above).
    const b = await patron('21000001', 'g5h8j2k4');
    const form = await b.get('/myrecord/renew');
    const choice = /name="renew" value="([^"]+)">\s*<label[^>]*>Kidnapped/.exec(form.text)?.[1] ?? '';
    assert.ok(choice, 'Kidnapped may be renewed');
    await b.post('/myrecord/renew', { renew: choice });
    const after = await b.get('/myrecord/renew');
    const due = /Kidnapped<\/strong><br>Renewed: now due ([^.<]+)\./.exec(after.text)?.[1];
    assert.ok(due, 'renewed, with its new due date');
    // On the form it is now marked: it cannot be renewed again today, and says why.
    assert.match(after.text, new RegExp(`Cannot be renewed today: already due on the latest date allowed, ${due}\\.`));
    const renewedChoice = /name="renew" value="([^"]+)" disabled[^>]*>\s*<label[^>]*>Kidnapped/.exec(after.text)?.[1] ?? '';
    assert.ok(renewedChoice, 'its box is disabled');
    await b.post('/myrecord/renew', { renew: renewedChoice });
    const again = await b.get('/myrecord/renew');
    assert.match(again.text, new RegExp(`Kidnapped</strong><br>Not renewed: already due on the latest date allowed, ${due}\\.`));
    assert.doesNotMatch(again.text, /Not renewed: your library record expires/);
  });

  test('the results are shown once: a reload shows the form without them', async () => {
    const b = await patron();
    const form = await b.get('/myrecord/renew');
    const all = [...form.text.matchAll(/name="loan" value="([^"]+)"/g)].map((m) => m[1]!);
    await b.post('/myrecord/renew', { all: 'yes', loan: all });
    assert.match((await b.get('/myrecord/renew')).text, /Renewal results/);
    const reloaded = await b.get('/myrecord/renew');
    assert.equal(reloaded.status, 200);
    assert.doesNotMatch(reloaded.text, /Renewal results/);
  });

  test('nothing chosen, or a forged choice, gets 422', async () => {
    const b = await patron();
    await b.get('/myrecord/renew');
    assert.equal((await b.post('/myrecord/renew', {})).status, 422);
    assert.equal((await b.post('/myrecord/renew', { renew: 'drop table' })).status, 422);
    assert.equal((await b.post('/myrecord/renew', { renew: '99999:2026-01-01' })).status, 303);
    assert.match((await b.get('/myrecord/renew')).text, /no longer on loan to you/);
  });
});

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
