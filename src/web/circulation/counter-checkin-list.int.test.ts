/**
 * The counter's list of check-ins over HTTP: newest first, each scan with its instruction or the
 * reason it was refused, kept through reloads and the check-out of a patron, cleared only with the
 * form's token, and no longer than the last 50 scans.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, type Answer, type TestPortal } from '../../test-support/test-portal.js';
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
