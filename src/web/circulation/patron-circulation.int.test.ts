/**
 * A patron's own circulation over HTTP: the myRecord home and its services, which need a PIN of the
 * patron's own; the circulation record; and Book Renewal, each item renewed or refused in words, once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { localizerFor } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';

const { formatDate } = localizerFor('en');

let portal: TestPortal;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, close: stop } = await startPortalWithMail());
});
after(() => stop());

async function patron(barcode = '21000004', pin = 'K7M2P9'): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  assert.equal((await b.logIn(barcode, pin)).status, 303);
  return b;
}
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
