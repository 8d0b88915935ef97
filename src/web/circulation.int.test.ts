import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../test-support/test-portal.js';
import type { TestSmtp } from '../test-support/test-smtp.js';
import { DEMO_STAFF } from '../demo/demo-staff.js';
import { addDays, libraryDateOf } from '../domain/circulation/library-date.js';
import { localizerFor } from '../messages/index.js';

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
const recordIdOf = (title: string) => (portal.portal.db.prepare('SELECT id FROM records WHERE title = ?').pluck().get(title) as number);
const itemOf = (title: string) =>
  portal.portal.db.prepare('SELECT c.item_barcode FROM copies c JOIN records r ON r.id = c.record_id WHERE r.title = ? ORDER BY c.id LIMIT 1').pluck().get(title) as string;
const today = () => libraryDateOf(portal.clock.now());

describe('the myRecord home', () => {
  test('lists the seven services by the library\'s names; three open with a summary, four plainly not yet available', async () => {
    const home = await (await patron()).get('/myrecord');
    assert.match(home.text, /<a class="services__name link" href="\/myrecord\/circulation">View your Circulation Record<\/a>\s*<span class="services__status">3 items on loan, 1 overdue<\/span>/);
    assert.match(home.text, /href="\/myrecord\/renew">Book Renewal</);
    assert.match(home.text, /href="\/catalogue">Book Request<\/a>\s*<span class="services__status">1 request, 0 ready for pickup/);
    for (const name of ['Book Recommendation', 'Interlibrary Loan Request', 'Institutional Research Archive Online Submission', 'iBooking']) {
      assert.match(home.text, new RegExp(`<span class="services__name">${name}</span>\\s*<span class="services__status">Not yet available in myRecord`));
    }
    assert.match(home.text, /Fines to pay: HK\$12\.00/);
  });

  test('none of the services opens for a visitor, or for a patron still on the default PIN', async () => {
    for (const path of ['/myrecord/circulation', '/myrecord/renew', '/catalogue', '/catalogue/1']) {
      assert.equal((await new TestBrowser(portal.url).get(path)).headers.get('location'), '/login', path);
    }
    const onDefault = await patron('21000003', '110105');
    for (const path of ['/myrecord/circulation', '/myrecord/renew', '/catalogue']) {
      assert.equal((await onDefault.get(path)).headers.get('location'), '/pin/modify', path);
    }
  });
});

describe('View your Circulation Record', () => {
  test('shows loans with due dates, the overdue one marked, renewals used of allowed; the request and its place; fines and total', async () => {
    const page = await (await patron()).get('/myrecord/circulation');
    assert.equal(page.status, 200);
    assert.match(page.text, /Moby-Dick; or, The Whale[\s\S]*?PS\d+[\s\S]*?Overdue/);
    assert.match(page.text, /10 of 10/);
    assert.match(page.text, /Crime and Punishment[\s\S]*?Main Library, Circulation Counter, Podium Floor[\s\S]*?<td>1<\/td>[\s\S]*?Waiting/);
    assert.match(page.text, /Overdue: &#34;Emma&#34; returned 12 days late/);
    assert.match(page.text, /Total to pay[\s\S]*?HK\$12\.00/);
  });
});

describe('Book Renewal', () => {
  test('renew all: each item gets its new due date or the reason in words ("10 of 10")', async () => {
    const b = await patron();
    const form = await b.get('/myrecord/renew');
    const all = [...form.text.matchAll(/name="loan" value="([^"]+)"/g)].map((m) => m[1]!);
    const answer = await b.post('/myrecord/renew', { all: 'yes', loan: all });
    assert.equal(answer.status, 200);
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
    const texts = [first.text, second.text];
    assert.equal(texts.filter((t) => /Treasure Island<\/strong><br>Renewed:/.test(t)).length, 1);
    assert.equal(texts.filter((t) => /Treasure Island<\/strong><br>Already renewed:/.test(t)).length, 1);
    const renewals = portal.portal.db.prepare("SELECT l.renewals FROM loans l JOIN copies c ON c.id = l.copy_id JOIN records r ON r.id = c.record_id WHERE r.title = 'Treasure Island' AND l.returned_at IS NULL").pluck().get();
    assert.equal(renewals, 1);
  });

  test('an item requested by another patron is not renewed, and says why', async () => {
    const b = await patron('21000002', 'XY1234');
    await b.get('/pin/modify');
    await b.post('/pin/modify', { current_pin: 'XY1234', new_pin: 'v6b3n9m1', confirm_pin: 'v6b3n9m1' });
    const form = await b.get('/myrecord/renew');
    const choice = /name="renew" value="([^"]+)">\s*<label[^>]*>Crime and Punishment/.exec(form.text)?.[1] ?? '';
    const answer = await b.post('/myrecord/renew', { renew: choice });
    assert.match(answer.text, /Crime and Punishment<\/strong><br>Not renewed: requested by another patron\./);
  });

  test('nothing chosen, or a forged choice, gets 422', async () => {
    const b = await patron();
    await b.get('/myrecord/renew');
    assert.equal((await b.post('/myrecord/renew', {})).status, 422);
    assert.equal((await b.post('/myrecord/renew', { renew: 'drop table' })).status, 422);
    const other = await b.post('/myrecord/renew', { renew: '99999:2026-01-01' });
    assert.match(other.text, /no longer on loan to you/);
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
    assert.match(ranked.text, /<ol class="results-list" start="1">\s*<li>\s*<a class="link" href="\/catalogue\/\d+">Pride and Prejudice<\/a>/);
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
    const cancel = /action="(\/myrecord\/requests\/\d+\/cancel)"[\s\S]*?aria-label="Cancel request for Dracula"/.exec(circulation.text)?.[1];
    assert.ok(cancel);
    assert.equal((await b.post(cancel, {})).status, 303);
    assert.match((await b.get('/myrecord/circulation')).text, /Your request for &#34;Dracula&#34; was cancelled/);
    assert.equal((await b.post(cancel, {})).status, 404, 'cancelling twice');
  });
});

describe('at the counter', () => {
  test('check-in of a requested copy holds it for the first in the queue, who is mailed and sees "ready for pickup"', async () => {
    const staff = await counter();
    const answer = await staff.post('/staff/checkin', { item_barcode: itemOf('Crime and Punishment') });
    assert.equal(answer.status, 200);
    assert.match(answer.text, /Checked in &#34;Crime and Punishment&#34;/);
    assert.match(answer.text, /put it on the hold shelf for Wong Siu Ling \(21000004\)/);
    const mail = await smtp.waitFor((m) => m.to.includes('siu-ling.wong@example.edu') && m.subject === 'Your requested book is ready for pickup');
    assert.match(mail.text, /"Crime and Punishment", which you requested, is waiting for you at Main Library/);
    const page = await (await patron()).get('/myrecord/circulation');
    assert.match(page.text, /Ready for pickup since/);

    // Held for her: nobody else may take it; she may.
    assert.match((await staff.post('/staff/checkout', { patron_barcode: '21000001', item_barcode: itemOf('Crime and Punishment') })).text, /on the hold shelf for another patron/);
    const out = await staff.post('/staff/checkout', { patron_barcode: '21000004', item_barcode: itemOf('Crime and Punishment') });
    assert.match(out.text, new RegExp(`Checked out &#34;Crime and Punishment&#34; to Wong Siu Ling \\(21000004\\)\\. Due ${formatDate(addDays(today(), 90))}`));
  });

  test('an overdue return is fined at the patron type\'s rate, and the patron sees the fine', async () => {
    const staff = await counter();
    portal.clock.advance(0);
    // Maria's "War and Peace" was due in 30 days: return it 40 days from now, 10 days late.
    portal.clock.advance(40 * 86_400_000);
    const staffNow = await counter();
    const answer = await staffNow.post('/staff/checkin', { item_barcode: itemOf('War and Peace') });
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
    assert.match((await staff.post('/staff/checkin', { item_barcode: 'NO-SUCH' })).text, /No item has that barcode/);
  });
});
