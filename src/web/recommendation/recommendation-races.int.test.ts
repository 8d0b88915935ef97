/**
 * Book Recommendation, fired at once: "one open recommendation per book" holds in the IMMEDIATE
 * transaction and in the database's unique indexes, so racing patrons end with one recommendation
 * and every one of them a supporter.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { prepare } from '../../test-support/raw-sql.js';
import { isUniqueViolation } from '../../db/engine/errors.js';

let portal: TestPortal;
let patrons: TestBrowser[];
before(async () => {
  portal = await startTestPortal();
  // The rounds make more recommendations than a patron may have: the limits are not what is raced here.
  prepare(portal.portal.db, 'UPDATE recommendation_limits SET open_allowed = 100, window_allowed = 100').run();
  patrons = [
    await withPin('21000001', 'Z12345', 'g5h8j2k4'),
    await withPin('21000002', 'XY1234', 'v6b3n9m1'),
    await withPin('21000003', '110105', 'q4w7e2r9'),
    await withPin('21000004', 'K7M2P9'),
  ];
});
after(() => portal.close());

async function withPin(barcode: string, pin: string, chosen?: string): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.logIn(barcode, pin);
  if (chosen) {
    await b.get('/pin/modify');
    assert.equal((await b.post('/pin/modify', { current_pin: pin, new_pin: chosen, confirm_pin: chosen })).status, 303);
  }
  await b.get('/myrecord/recommendations/new');
  return b;
}
const form = (title: string, extra: Record<string, string> = {}) => ({
  title,
  author: 'Race, Ada',
  isbn: '',
  publisher: '',
  year: '',
  format: 'print',
  reason: 'research',
  note: '',
  ...extra,
});
const db = () => portal.portal.db;
const rowsOf = (key: string) => prepare(db(), "SELECT id FROM recommendations WHERE match_key LIKE ? || '%'").pluck().all(key) as number[];
const supportersOf = (id: number) =>
  prepare(db(), 'SELECT COUNT(*) FROM recommendation_supporters WHERE recommendation_id = ?').pluck().get(id) as number;

test('two patrons recommending the same new book at the same moment end with one recommendation and two supporters, round after round', async () => {
  for (let round = 1; round <= 5; round++) {
    const title = `Concurrent Book ${round}`;
    const answers = await Promise.all([
      patrons[0]!.post('/myrecord/recommendations/new', form(title)),
      patrons[1]!.post('/myrecord/recommendations/new', form(title.toUpperCase())),
    ]);
    assert.deepEqual(
      answers.map((a) => a.status),
      [303, 303],
      `round ${round}`,
    );
    const ids = rowsOf(`concurrent book ${round}|`);
    assert.equal(ids.length, 1, `round ${round}: one recommendation`);
    assert.equal(supportersOf(ids[0]!), 2, `round ${round}: two supporters`);
    for (const b of patrons.slice(0, 2)) await b.get('/myrecord/recommendations/new');
  }
});

test('four patrons at once, the same ISBN typed in both forms: one recommendation, four supporters', async () => {
  const isbns = ['0-306-40615-2', '9780306406157', '978 0 306 40615 7', '0306406152'];
  const answers = await Promise.all(
    patrons.map((b, i) => b.post('/myrecord/recommendations/new', form(`Edition ${i}`, { isbn: isbns[i]! }))),
  );
  assert.deepEqual(
    answers.map((a) => a.status),
    [303, 303, 303, 303],
  );
  const ids = prepare(db(), "SELECT id FROM recommendations WHERE isbn13 = '9780306406157'").pluck().all() as number[];
  assert.equal(ids.length, 1);
  assert.equal(supportersOf(ids[0]!), 4);
});

test('one patron sending the form twice at once makes one recommendation; the second is told it is his already', async () => {
  const b = patrons[3]!;
  await b.get('/myrecord/recommendations/new');
  const answers = await Promise.all([
    b.post('/myrecord/recommendations/new', form('Double Click Book')),
    b.post('/myrecord/recommendations/new', form('Double Click Book')),
  ]);
  assert.deepEqual(answers.map((a) => a.status).sort(), [303, 422]);
  assert.equal(rowsOf('double click book|').length, 1);
});

test('the database itself refuses a second open recommendation of one book', () => {
  const patronId = portal.portal.patrons.findByBarcode('21000001')!.id;
  const insert = () =>
    portal.portal.repos.recommendations.insert({
      patronId,
      title: 'Direct',
      author: '',
      isbn13: '9780306406157',
      publisher: '',
      year: null,
      format: 'print',
      reason: 'general',
      note: '',
      createdAt: 1,
      matchKey: 'direct|',
    });
  assert.throws(insert, (err) => isUniqueViolation(err), 'the unique index on the ISBN of open recommendations');
});

test('a patron with one recommendation left, sending two at once, gets exactly one', async () => {
  const b = patrons[0]!;
  const patronId = portal.portal.patrons.findByBarcode('21000001')!.id;
  const open = portal.portal.repos.recommendations.openCountOf(patronId);
  prepare(db(), "UPDATE recommendation_limits SET open_allowed = ? WHERE patron_type = 'undergraduate'").run(open + 1);
  await b.get('/myrecord/recommendations/new');
  const answers = await Promise.all([
    b.post('/myrecord/recommendations/new', form('Last One A')),
    b.post('/myrecord/recommendations/new', form('Last One B')),
  ]);
  assert.deepEqual(answers.map((a) => a.status).sort(), [303, 422]);
  assert.equal(portal.portal.repos.recommendations.openCountOf(patronId), open + 1);
});
