/**
 * The patron's side of circulation: the renewal form knows before the patron asks what
 * renewing each loan would do, a loan named twice in one submit is renewed once, and cancelling a
 * request that is no longer open changes nothing and says so.
 */
import { before, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/engine/connection.js';
import { migrate } from '../../db/engine/migrate.js';
import { createPortal, type Portal } from '../../portal.js';
import { fakeClock } from '../../lib/clock.js';
import { countingHasher, TEST_SECRET } from '../../test-support/fixtures.js';
import { loadDemoPatrons } from '../../demo/demo-patrons.js';
import { loadDemoCirculation } from '../../demo/demo-circulation.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import type { Patron } from '../../domain/patrons/patron.js';

let portal: Portal;
const clock = fakeClock();
const today = () => libraryDateOf(clock.now());
const patron = (barcode: string): Patron => portal.patrons.findByBarcode(barcode)!;

before(async () => {
  const db = openDatabase(':memory:');
  migrate(db);
  const hasher = countingHasher();
  portal = createPortal(loadConfig({ DATABASE_FILE: ':memory:', APP_SECRET: TEST_SECRET }), asDatabase(db), {
    clock,
    hasher,
    logger: { info: () => {}, error: () => {} },
  });
  await loadDemoPatrons({ importer: portal.importer, patrons: portal.patrons, hasher, now: clock.now });
  loadDemoCirculation(portal);
});

describe('renewal', () => {
  test('each loan comes with what renewing it now would do; the home counts only those that can be renewed', () => {
    const wong = patron('21000004');
    const byTitle = new Map(portal.circulation.renewableLoans(wong).map((loan) => [loan.title, loan.decision]));
    // Staff borrow for 90 days, 10 renewals.
    assert.deepEqual(byTitle.get('Pride and Prejudice'), { ok: true, newDueDate: addDays(today(), 90) });
    assert.deepEqual(byTitle.get('The Brothers Karamazov'), { ok: false, refusal: { code: 'LIMIT_REACHED', used: 10, allowed: 10 } });
    assert.equal(portal.circulation.summary(wong).renewable, 2);
  });

  test('a loan named twice in one submit is renewed once; then it is already due on the latest date allowed', () => {
    const wong = patron('21000004');
    const pride = portal.circulation.renewableLoans(wong).find((loan) => loan.title === 'Pride and Prejudice')!;
    const seen = { loanId: pride.id, seenDueDate: pride.dueDate };
    const newDue = addDays(today(), 90);
    assert.deepEqual(
      portal.circulation.renew(wong, [seen, seen]).map((o) => o.result),
      ['renewed', 'already-renewed'],
    );
    const after = portal.circulation.renewableLoans(wong).find((loan) => loan.id === pride.id)!;
    assert.equal(after.renewals, 1);
    assert.deepEqual(after.decision, { ok: false, refusal: { code: 'ALREADY_LATEST', dueDate: newDue } });
    const again = portal.circulation.renew(wong, [{ loanId: pride.id, seenDueDate: newDue }]);
    assert.deepEqual(again, [
      { loanId: pride.id, title: 'Pride and Prejudice', result: 'refused', refusal: { code: 'ALREADY_LATEST', dueDate: newDue } },
    ]);
  });
});

describe('cancelling a request', () => {
  test('the patron\'s own open request is cancelled once; again, it is "closed" and nothing changes; another patron\'s is not found', () => {
    const wong = patron('21000004');
    const maria = patron('21000002');
    const [request] = portal.repos.requests.openOfPatron(wong.id);
    assert.ok(request);
    assert.equal(portal.circulation.requestOf(maria, request.id), undefined);
    assert.deepEqual(portal.circulation.cancelRequest(maria, request.id), { ok: false, reason: 'not-found' });
    assert.equal(portal.circulation.requestOf(wong, request.id)?.status, 'waiting');
    assert.deepEqual(portal.circulation.cancelRequest(wong, request.id), { ok: true, title: request.title });
    assert.deepEqual(portal.circulation.cancelRequest(wong, request.id), { ok: false, reason: 'closed', title: request.title });
    assert.equal(portal.circulation.requestOf(wong, request.id)?.status, 'cancelled');
  });
});
