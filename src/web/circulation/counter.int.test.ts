/**
 * The counter over HTTP: every scan ends in a 303 to a page that can be
 * reloaded, with the cursor (autofocus) in the box the next scan goes to; a check-out session
 * lists what was issued and prints as a slip; a hold for another library travels there.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type Answer, type TestPortal } from '../../test-support/test-portal.js';
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

/** The check-in list's rows, newest first, each as its cells' text (tags dropped, spaces folded). */
function checkInRows(page: Answer): string[][] {
  const list = /<section class="card checkin-list"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(list)?.[1] ?? '';
  return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}
/** What the page announces once (role="status"), tags dropped. */
const announced = (page: Answer) =>
  (/<div class="notice" role="status">([\s\S]*?)<\/div>/.exec(page.text)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** The item barcode of the open loan of a title. */
const loanedCopyOf = (title: string) =>
  prepare(
    db(),
    'SELECT c.item_barcode FROM loans l JOIN copies c ON c.id = l.copy_id JOIN records r ON r.id = c.record_id WHERE r.title = ? AND l.returned_at IS NULL',
  )
    .pluck()
    .get(title) as string;

describe('the check-in list', () => {
  test('three returns in a row, the second requested: after the third the hold-shelf instruction is still listed, newest first, and a reload keeps it', async () => {
    const desk = await counterStaff();
    const [emma] = itemsOf('Emma');
    const [persuasion] = itemsOf('Persuasion');
    for (const item of [emma!, persuasion!]) await desk.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: item });
    const requested = loanedCopyOf('Crime and Punishment');
    await desk.get('/staff/circulation?focus=checkin');

    let page!: Answer;
    for (const item of [emma!, requested, persuasion!]) {
      const answer = await desk.post('/staff/checkin', { item_barcode: item });
      assert.equal(answer.status, 303);
      page = await desk.shown(answer);
    }
    const collectBy = formatDate(addDays(libraryDateOf(portal.clock.now()), 7));
    assert.deepEqual(checkInRows(page), [
      [persuasion!, 'Persuasion', 'Checked in', 'Not requested: return it to the shelf.'],
      [
        requested,
        'Crime and Punishment',
        'Checked in',
        `Requested: put it on the hold shelf for Wong Siu Ling (21000004) until ${collectBy}. The patron has been e-mailed.`,
      ],
      [emma!, 'Emma', 'Checked in', 'Not requested: return it to the shelf.'],
    ]);
    assert.match(page.text, /<tr class="checkin--held">/, 'the book for the hold shelf stands out');
    // Announced once, the newest scan alone; the cursor stays in the check-in box.
    assert.equal(announced(page), 'Checked in &#34;Persuasion&#34;. Not requested: return it to the shelf.');
    assert.deepEqual(focused(page), ['checkin_item']);

    const reloaded = await desk.get('/staff/circulation?focus=checkin');
    assert.equal(announced(reloaded), '');
    assert.equal(checkInRows(reloaded).length, 3);
    assert.match(checkInRows(reloaded)[1]![3]!, /put it on the hold shelf for Wong Siu Ling/);
    // Serving a patron at check-out meanwhile does not lose it either.
    assert.equal(checkInRows(await desk.get('/staff/circulation?patron=21000002')).length, 3);
    // Another member of staff's session has a list of its own.
    assert.deepEqual(checkInRows(await (await counterStaff()).get('/staff/circulation')), []);
  });

  test('every counter error names the barcode it is about, escaped, and a refused check-in is listed with its reason', async () => {
    const desk = await counterStaff();
    const hostile = '<b>39&amp;</b>';
    const escaped = '&lt;b&gt;39&amp;amp;&lt;/b&gt;';

    const noPatron = await desk.get('/staff/circulation?patron=NOBODY2');
    assert.equal(noPatron.status, 404);
    assert.match(noPatron.text, /role="alert"[\s\S]*?No patron has the barcode NOBODY2\./);
    const noItem = await desk.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: hostile });
    assert.equal(noItem.status, 422);
    assert.match(noItem.text, new RegExp(`role="alert"[\\s\\S]*?No item has the barcode ${escaped}\\.`));
    assert.doesNotMatch(noItem.text, /<b>39/);
    const wars = loanedCopyOf('War and Peace');
    assert.match(
      (await desk.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: wars })).text,
      new RegExp(`The item ${wars} is on loan already: check it in first\\.`),
    );

    // A patron's block names the patron's card, not the item.
    const [great] = itemsOf('Great Expectations');
    const expiry = prepare(db(), "SELECT expiry_date FROM patrons WHERE barcode = '21000001'").pluck().get() as string | null;
    prepare(db(), "UPDATE patrons SET expiry_date = '2020-01-01' WHERE barcode = '21000001'").run();
    try {
      const expired = await desk.post('/staff/checkout', { patron_barcode: '21000001', item_barcode: great! });
      assert.equal(expired.status, 422);
      assert.match(expired.text, /role="alert"[\s\S]*?The library record of patron 21000001 has expired\./);
    } finally {
      prepare(db(), "UPDATE patrons SET expiry_date = ? WHERE barcode = '21000001'").run(expiry);
    }

    await desk.get('/staff/circulation?focus=checkin');
    const unknown = await desk.post('/staff/checkin', { item_barcode: hostile });
    assert.equal(unknown.status, 422);
    assert.match(unknown.text, new RegExp(`id="checkin_item-error">No item has the barcode ${escaped}\\.</p>`));
    assert.doesNotMatch(unknown.text, /<b>39/);
    const notLent = await desk.post('/staff/checkin', { item_barcode: great! });
    assert.match(notLent.text, new RegExp(`role="alert"[\\s\\S]*?The item ${great} is not on loan\\.`));
    assert.deepEqual(focused(notLent), ['checkin_item']);
    assert.deepEqual(checkInRows(notLent), [
      [great!, 'Great Expectations', 'Refused', `The item ${great} is not on loan.`],
      [escaped, '', 'Refused', `No item has the barcode ${escaped}.`],
    ]);
  });

  test('"Clear the list" empties it, and only with the form\'s token; the patron being served stays so', async () => {
    const desk = await counterStaff();
    await desk.get('/staff/circulation');
    await desk.post('/staff/checkin', { item_barcode: 'NOSUCH-1' });
    const listed = await desk.get('/staff/circulation?patron=21000003');
    assert.equal(checkInRows(listed).length, 1);
    assert.match(
      listed.text,
      /action="\/staff\/checkins\/clear"[\s\S]*?name="_csrf"[\s\S]*?name="patron_barcode" value="21000003"[\s\S]*?>Clear the list</,
    );

    assert.equal((await desk.post('/staff/checkins/clear', { patron_barcode: '21000003' }, { csrf: null })).status, 403);
    assert.equal(checkInRows(await desk.get('/staff/circulation')).length, 1, 'a form without its token changes nothing');

    const cleared = await desk.post('/staff/checkins/clear', { patron_barcode: '21000003' });
    assert.equal(cleared.status, 303);
    assert.equal(cleared.headers.get('location'), '/staff/circulation?patron=21000003&focus=checkin');
    const after = await desk.shown(cleared);
    assert.match(after.text, /role="status">The list of check-ins is cleared\.</);
    assert.match(after.text, /Nothing checked in yet in this session\./);
    assert.deepEqual(checkInRows(after), []);
    assert.doesNotMatch(after.text, />Clear the list</, 'nothing to clear');
    assert.deepEqual(focused(after), ['checkin_item']);
  });

  test('the list keeps the last 50 scans: the 55th scan is first and the first five are gone', async () => {
    const desk = await counterStaff();
    await desk.get('/staff/circulation');
    for (let i = 1; i <= 55; i++) assert.equal((await desk.post('/staff/checkin', { item_barcode: `NOSUCH-${i}` })).status, 422);
    const rows = checkInRows(await desk.get('/staff/circulation'));
    assert.equal(rows.length, 50);
    assert.equal(rows[0]![0], 'NOSUCH-55');
    assert.equal(rows[49]![0], 'NOSUCH-6');
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
