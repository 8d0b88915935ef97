/**
 * Check-out at the counter over HTTP: every scan ends in a 303 to a page that can be reloaded, with the
 * cursor (autofocus) in the box the next scan goes to; a check-out session lists what was issued and
 * prints as a slip; the panel of the patron being served lists what would refuse a check-out.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { localizerFor } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';
import { counterDesk, focused, itemsOf as itemsOfTitle } from '../../test-support/counter-desk.js';

const { formatDate } = localizerFor('en');

let portal: TestPortal;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, close: stop } = await startPortalWithMail());
});
after(() => stop());

const counterStaff = () => counterDesk(portal);
const db = () => portal.portal.db;
const itemsOf = (title: string) => itemsOfTitle(db(), title);
const openLoans = () => prepare(db(), 'SELECT COUNT(*) FROM loans WHERE returned_at IS NULL').pluck().get() as number;

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
    assert.match(unknown.text, /No patron has the barcode NOBODY1\./);
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
    assert.match(refused.text, new RegExp(`<p class="field__errors" id="checkin_item-error">The item ${janeCopy2} is not on loan\\.</p>`));
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

describe('the check-out panel', () => {
  test('a patron being served: fines owed, overdue items with titles, and nothing that stops a check-out', async () => {
    const desk = await counterStaff();
    const page = await desk.get('/staff/circulation?patron=21000004');
    const panel = /<section class="checkout-session"[\s\S]*?<\/section>/.exec(page.text)![0];
    assert.match(panel, /Nothing stops a check-out to this patron\./);
    assert.match(panel, /<dt>Fines owed<\/dt><dd class="warning-text">HK\$12\.00<\/dd>/);
    assert.match(
      panel,
      /<dt>Overdue<\/dt><dd class="warning-text">\s*1 item\s*<ul class="standing__overdue"><li>Moby-Dick; or, The Whale \(\w+\), due [^<]+<\/li><\/ul>/,
    );
    assert.match(panel, /href="\/staff\/patrons\/21000004">The patron&#39;s page</);

    const clear = await desk.get('/staff/circulation?patron=21000002');
    assert.match(clear.text, /<dt>Fines owed<\/dt><dd>HK\$0\.00<\/dd>/);
    assert.match(clear.text, /<dt>Overdue<\/dt><dd>\s*None\s*<\/dd>/);
  });

  test('blocks that will refuse a check-out are listed before the scan: an expired record, fines above the ceiling; a blocked PIN is noted as no block', async () => {
    const desk = await counterStaff();
    prepare(db(), "UPDATE patrons SET expiry_date = '2020-01-01' WHERE barcode = '21000002'").run();
    // Maria Santos is a postgraduate: her ceiling is HK$100.00.
    const maria = prepare(db(), "SELECT id FROM patrons WHERE barcode = '21000002'").pluck().get() as number;
    portal.portal.repos.fines.charge(maria, null, 10_001, { kind: 'note', text: 'lost book' }, portal.clock.now());
    const page = await desk.get('/staff/circulation?patron=21000002');
    assert.match(
      page.text,
      /<div class="notice notice--warning standing__blocks">\s*<p>A check-out to this patron will be refused for these reasons\.<\/p>\s*<ul><li>The patron&#39;s library record expired on 1 January 2020\.<\/li><li>Fines of HK\$100\.01 are above the limit of HK\$100\.00: they must be paid first\.<\/li><\/ul>/,
    );

    prepare(db(), "UPDATE patrons SET expiry_date = '2030-08-31' WHERE barcode = '21000002'").run();

    const stranger = new TestBrowser(portal.url);
    await stranger.get('/login');
    for (let i = 0; i < 5; i++) await stranger.post('/login', { barcode: '21000002', pin: 'WRONG1' });
    assert.match(
      (await desk.get('/staff/circulation?patron=21000002')).text,
      /The patron&#39;s PIN login is blocked for \d+ seconds after failed attempts; this does not stop a check-out\./,
    );
  });
});
