/**
 * The counter over HTTP (issue 10, items 6 and 7): every scan ends in a 303 to a page that can be
 * reloaded, with the cursor (autofocus) in the box the next scan goes to; a check-out session
 * lists what was issued and prints as a slip; a hold for another library travels there.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type Answer, type TestPortal } from '../test-support/test-portal.js';
import type { TestSmtp } from '../test-support/test-smtp.js';
import { DEMO_STAFF } from '../demo/demo-staff.js';
import { addDays, libraryDateOf } from '../domain/circulation/library-date.js';
import { localizerFor } from '../messages/index.js';
import { prepare } from '../test-support/raw-sql.js';

const { formatDate } = localizerFor('en');

let portal: TestPortal;
let smtp: TestSmtp;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close: stop } = await startPortalWithMail());
});
after(() => stop());

async function counterStaff(): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: DEMO_STAFF[1].username, password: DEMO_STAFF[1].password })).status, 303);
  await b.get('/staff/circulation');
  return b;
}
const db = () => portal.portal.db;
const itemsOf = (title: string) =>
  prepare(db(), 'SELECT c.item_barcode FROM copies c JOIN records r ON r.id = c.record_id WHERE r.title = ? ORDER BY c.id')
    .pluck()
    .all(title) as string[];
const recordIdOf = (title: string) => prepare(db(), 'SELECT id FROM records WHERE title = ?').pluck().get(title) as number;
const openLoans = () => prepare(db(), 'SELECT COUNT(*) FROM loans WHERE returned_at IS NULL').pluck().get() as number;

/** The one box with the cursor: the id of the element carrying autofocus. */
function focused(page: Answer): string[] {
  return [...page.text.matchAll(/<(?:input|select)\b[^>]*?\bid="([^"]+)"[^>]*?\sautofocus>/g)].map((m) => m[1]!);
}

describe('the scanner at the counter', () => {
  test('the cursor starts in the patron box; an empty patron box says "Scan or type the patron\'s barcode" with 422 and changes nothing', async () => {
    const desk = await counterStaff();
    const start = await desk.get('/staff/circulation');
    assert.deepEqual(focused(start), ['patron_barcode']);
    const before = openLoans();
    const empty = await desk.post('/staff/checkout', { patron_barcode: '  ', item_barcode: itemsOf('Jane Eyre')[0]! });
    assert.equal(empty.status, 422);
    assert.match(empty.text, /role="alert"[\s\S]*?Scan or type the patron&#39;s barcode\./);
    assert.match(empty.text, /<input id="patron_barcode"[^>]*aria-invalid="true"/);
    assert.deepEqual(focused(empty), ['patron_barcode']);
    assert.equal(openLoans(), before);
    const unknown = await desk.post('/staff/checkout', { patron_barcode: 'NOBODY1', item_barcode: itemsOf('Jane Eyre')[0]! });
    assert.equal(unknown.status, 422);
    assert.match(unknown.text, /No patron has that barcode\./);
    assert.match(unknown.text, /<input id="patron_barcode"[^>]*value="NOBODY1"/);
    assert.equal((await desk.get('/staff/circulation?patron=NOBODY1')).status, 404);
  });

  test("a patron's card, then two items: each scan a 303 to their session, the item box keeps the cursor, the list grows, a reload resends nothing", async () => {
    const desk = await counterStaff();
    const card = await desk.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: '' });
    assert.equal(card.status, 303);
    assert.equal(card.headers.get('location'), '/staff/circulation?patron=21000003');
    const session = await desk.shown(card);
    assert.deepEqual(focused(session), ['item_barcode']);
    assert.match(session.text, /Checking out to Li Wei \(21000003\)/);
    assert.match(session.text, /Nothing checked out yet: scan the first item\./);
    assert.match(session.text, /<input id="patron_barcode"[^>]*value="21000003"/);

    const [jane] = itemsOf('Jane Eyre');
    const [wuthering] = itemsOf('Wuthering Heights');
    const before = openLoans();
    const first = await desk.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: jane! });
    assert.equal(first.status, 303);
    const afterFirst = await desk.shown(first);
    const due = formatDate(addDays(libraryDateOf(portal.clock.now()), 56));
    assert.match(
      afterFirst.text,
      new RegExp(`role="status"[\\s\\S]*?Checked out &#34;Jane Eyre&#34; to Li Wei \\(21000003\\)\\. Due ${due}\\.`),
    );
    assert.deepEqual(focused(afterFirst), ['item_barcode']);

    const afterSecond = await desk.shown(await desk.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: wuthering! }));
    assert.equal(openLoans(), before + 2);
    assert.match(
      afterSecond.text,
      new RegExp(
        `<tr><td>Jane Eyre<br><span class="subtle">${jane}</span></td><td class="date-cell">${due}</td></tr>\\s*<tr><td>Wuthering Heights<br><span class="subtle">${wuthering}</span></td><td class="date-cell">${due}</td></tr>`,
      ),
    );
    assert.match(afterSecond.text, /href="\/staff\/circulation\/slip\?patron=21000003">Print a slip</);

    const reloaded = await desk.get('/staff/circulation?patron=21000003');
    assert.doesNotMatch(reloaded.text, /Checked out &#34;/, 'the outcome is shown once');
    assert.match(reloaded.text, /Wuthering Heights/, 'the list stays');
    assert.equal(openLoans(), before + 2, 'a reload resends nothing');

    const slip = await desk.get('/staff/circulation/slip?patron=21000003');
    assert.equal(slip.status, 200);
    assert.match(slip.text, /<h1>Loan slip<\/h1>/);
    assert.match(slip.text, /Li Wei \(21000003\)/);
    assert.match(
      slip.text,
      new RegExp(
        `<td>Jane Eyre<br><span class="subtle">${jane}</span></td><td class="date-cell">${due}</td>[\\s\\S]*<td>Wuthering Heights<br><span class="subtle">${wuthering}</span></td><td class="date-cell">${due}</td>`,
      ),
    );
    assert.doesNotMatch(slip.text, /<script/);

    // Another desk's session issued nothing to him; a barcode nobody has is a 404.
    assert.match(
      (await (await counterStaff()).get('/staff/circulation/slip?patron=21000003')).text,
      /Nothing was checked out to this patron in this session\./,
    );
    assert.equal((await desk.get('/staff/circulation/slip?patron=NOBODY1')).status, 404);
    assert.equal((await desk.get('/staff/circulation/slip')).status, 404);

    // His card scanned again starts a new session: the list is empty.
    const again = await desk.shown(await desk.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: '' }));
    assert.match(again.text, /Nothing checked out yet/);
  });

  test('a check-in keeps the cursor in the check-in box, and the patron being served stays so', async () => {
    const desk = await counterStaff();
    const [, janeCopy2] = itemsOf('Jane Eyre');
    await desk.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: janeCopy2! });
    const page = await desk.get('/staff/circulation?patron=21000003');
    assert.match(page.text, /<input type="hidden" name="patron_barcode" value="21000003">/);

    const back = await desk.post('/staff/checkin', { item_barcode: janeCopy2!, patron_barcode: '21000003' });
    assert.equal(back.status, 303);
    assert.equal(back.headers.get('location'), '/staff/circulation?patron=21000003&focus=checkin');
    const shown = await desk.shown(back);
    assert.deepEqual(focused(shown), ['checkin_item']);
    assert.match(shown.text, /Checked in &#34;Jane Eyre&#34;\.[\s\S]*?Not requested: return it to the shelf\./);
    assert.doesNotMatch(shown.text, new RegExp(`<span class="subtle">${janeCopy2}</span>`), 'returned, it leaves the list');

    // With nobody being served, the next check-in comes back to the check-in box alone.
    await desk.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: janeCopy2! });
    const alone = await desk.post('/staff/checkin', { item_barcode: janeCopy2! });
    assert.equal(alone.headers.get('location'), '/staff/circulation?focus=checkin');
    assert.match((await desk.shown(alone)).text, /Checked in &#34;Jane Eyre&#34;/);
    const reloaded = await desk.get('/staff/circulation?focus=checkin');
    assert.deepEqual(focused(reloaded), ['checkin_item']);
    assert.doesNotMatch(reloaded.text, /Checked in &#34;/, 'a reload does not say it again');

    const empty = await desk.post('/staff/checkin', { item_barcode: '' });
    assert.equal(empty.status, 422);
    assert.match(empty.text, /Scan or type the item&#39;s barcode\./);
    assert.deepEqual(focused(empty), ['checkin_item']);
    const refused = await desk.post('/staff/checkin', { item_barcode: janeCopy2! });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /<p class="field__errors" id="checkin_item-error">That item is not on loan\.<\/p>/);
  });

  test("check-out from the patron's page posts to the same service and lands in the patron's session at the counter", async () => {
    const desk = await counterStaff();
    const page = await desk.get('/staff/patrons/21000002');
    assert.match(
      page.text,
      /<h2 id="checkout-title">Check out an item<\/h2>[\s\S]*?action="\/staff\/checkout"[\s\S]*?name="patron_barcode" value="21000002"[\s\S]*?<label for="checkout_item">Item barcode<\/label>/,
    );
    const [middlemarch] = itemsOf('Middlemarch');
    const answer = await desk.post('/staff/checkout', { patron_barcode: '21000002', item_barcode: middlemarch! });
    assert.equal(answer.headers.get('location'), '/staff/circulation?patron=21000002');
    const shown = await desk.shown(answer);
    assert.match(shown.text, /Checked out &#34;Middlemarch&#34; to Maria Santos/);
    assert.match(shown.text, new RegExp(`<td>Middlemarch<br><span class="subtle">${middlemarch}</span></td>`));
    assert.match((await desk.get('/staff/patrons/21000002')).text, new RegExp(`${middlemarch}: Middlemarch, due`));
  });
});

describe('a hold that travels', () => {
  test('returned at the main counter for pickup at Law: in transit, shown so to the patron and in the catalogue; ready, and mailed once, only when checked in at Law', async () => {
    const wong = new TestBrowser(portal.url);
    assert.equal((await wong.logIn('21000004', 'K7M2P9')).status, 303);
    const record = recordIdOf('Kidnapped');
    await wong.get(`/catalogue/${record}`);
    const law = prepare(db(), "SELECT id FROM pickup_locations WHERE code = 'LAW'").pluck().get() as number;
    assert.equal((await wong.post(`/catalogue/${record}/request`, { pickup: String(law) })).status, 303);
    const [copy] = itemsOf('Kidnapped');
    const isKidnappedReady = (m: { to: string[]; subject: string; text: string }) =>
      m.to.includes('siu-ling.wong@example.edu') &&
      m.subject === 'Your requested book is ready for pickup' &&
      m.text.includes('"Kidnapped"');

    // A desk that never chose its counter is at the main library's, and says so.
    const desk = await counterStaff();
    const start = await desk.get('/staff/circulation');
    assert.match(
      start.text,
      /Not chosen on this computer yet: check-ins count as made at Main Library, Circulation Counter, Podium Floor\./,
    );
    const atMain = await desk.shown(await desk.post('/staff/checkin', { item_barcode: copy! }));
    assert.match(
      atMain.text,
      /class="notice__action">Requested for pickup at Law Library, Service Counter: send it there \(in transit\)\. Wong Siu Ling \(21000004\) is e-mailed when it is checked in there\./,
    );
    assert.match(
      (await wong.get('/myrecord/circulation')).text,
      /Kidnapped[\s\S]*?In transit to Law Library, Service Counter: you will be e-mailed when it is ready to collect there/,
    );
    assert.match(
      (await wong.get(`/catalogue/${record}`)).text,
      new RegExp(`<td[^>]*>${copy}</td>[\\s\\S]*?<td[^>]*>In transit to Law Library, Service Counter</td>`),
    );
    assert.match((await desk.get('/staff/patrons/21000004')).text, /Kidnapped: in transit to Law Library, Service Counter/);
    await portal.portal.notices.settled();
    assert.equal(smtp.received.filter(isKidnappedReady).length, 0, 'no mail while it travels');

    // At the Law Library's desk.
    const chosen = await desk.post('/staff/counter', { counter: 'LAW' });
    assert.equal(chosen.status, 303);
    const lawDesk = await desk.shown(chosen);
    assert.match(lawDesk.text, /Your counter is now Law Library, Service Counter\./);
    assert.match(lawDesk.text, /<input type="radio" id="counter-LAW" name="counter" value="LAW" checked>/);
    assert.doesNotMatch(lawDesk.text, /Not chosen on this computer yet/);
    const arrived = await desk.shown(await desk.post('/staff/checkin', { item_barcode: copy! }));
    const collectBy = formatDate(addDays(libraryDateOf(portal.clock.now()), 7));
    assert.match(arrived.text, new RegExp(`Requested: put it on the hold shelf for Wong Siu Ling \\(21000004\\) until ${collectBy}\\.`));
    assert.match(
      (await wong.get('/myrecord/circulation')).text,
      new RegExp(`Kidnapped[\\s\\S]*?Ready for pickup since [^<]*: collect by ${collectBy}`),
    );
    const mail = await smtp.waitFor(isKidnappedReady);
    assert.match(mail.text, /waiting for you at Law Library, Service Counter/);

    // Scanned again at Law: refused, nothing moves, no second mail.
    assert.equal((await desk.post('/staff/checkin', { item_barcode: copy! })).status, 422);
    await portal.portal.notices.settled();
    assert.equal(smtp.received.filter(isKidnappedReady).length, 1);
  });

  test('"Your counter" takes only a pickup location; anything else is a 422 and keeps the counter', async () => {
    const desk = await counterStaff();
    for (const counter of ['NOWHERE', '', "LAW' OR 1=1"]) {
      const answer = await desk.post('/staff/counter', { counter });
      assert.equal(answer.status, 422, counter);
      assert.match(answer.text, /Choose a counter from the list\./);
      assert.doesNotMatch(answer.headers.get('set-cookie') ?? '', /myrecord\.counter/);
    }
    desk.setCookie('myrecord.counter', 'NOWHERE');
    assert.match((await desk.get('/staff/circulation')).text, /check-ins count as made at Main Library/);
  });
});
