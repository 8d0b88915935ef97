import { test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createTestStorage, HEADER, registerPatrons } from '../../test-support/fixtures.js';
import { createStaffRepo } from '../staff/staff-repo.js';

const day = 86_400_000;

test('attempts older than the retention period are deleted, newer ones kept', () => {
  const { attempts, db } = createTestStorage();
  const now = Date.UTC(2026, 10, 28);
  for (let i = 100; i >= 0; i -= 10) attempts.recordPending('1001', now - i * day, '127.0.0.1');
  const deleted = attempts.deleteOlderThan(now - 90 * day, 3);
  assert.equal(deleted, 1);
  const ages = (db.prepare('SELECT at_ms FROM login_attempts').pluck().all() as number[]).map((at) => (now - at) / day);
  assert.deepEqual(ages, [90, 80, 70, 60, 50, 40, 30, 20, 10, 0]);
});

test('the window query is served by the one index, without a sort', () => {
  const { db } = createTestStorage();
  const plan = db
    .prepare(`EXPLAIN QUERY PLAN SELECT at_ms FROM login_attempts WHERE barcode = ? AND at_ms > ? AND outcome IN ('pending', 'failure')`)
    .all('1', 0)
    .map((row) => (row as { detail: string }).detail)
    .join('\n');
  assert.match(plan, /USING COVERING INDEX login_attempts_window/);
  assert.doesNotMatch(plan, /TEMP B-TREE/);
});

test('blocked attempts are one row per barcode and minute, counting them', () => {
  const { attempts, db } = createTestStorage();
  const minute = Date.UTC(2026, 10, 28, 9, 0);
  for (let s = 0; s < 50; s++) attempts.recordBlocked('1001', minute + s * 1000, '127.0.0.1');
  attempts.recordBlocked('1001', minute + 60_000, '127.0.0.1');
  assert.deepEqual(db.prepare("SELECT count FROM login_attempts WHERE outcome = 'blocked' ORDER BY at_ms").pluck().all(), [50, 1]);
});

test('streaks of keys that belong to nobody go after the retention period; a patron\'s or a member of staff\'s stay', async () => {
  const storage = createTestStorage();
  const { attempts, db } = storage;
  await registerPatrons(storage, `${HEADER}\n1001,Chan Tai Man,,Z123456(7),,,staff,2030-08-31\n`);
  createStaffRepo(asDatabase(db)).insert('counter', ['circulation'], 'not-a-real-hash', 0);
  const now = Date.UTC(2026, 10, 28);
  for (const key of ['1001', 'staff:counter', 'NOSUCH1', 'staff:nobody', 'ZZ9']) attempts.extendStreak(key, now - 91 * day);
  attempts.extendStreak('RECENT1', now - 89 * day);
  // A page of 2 keys: the walk goes on past pages where nothing is deleted.
  assert.equal(attempts.deleteOrphanStreaksOlderThan(now - 90 * day, 2), 3);
  const left = db.prepare('SELECT attempt_key FROM failure_streaks ORDER BY attempt_key').pluck().all();
  assert.deepEqual(left, ['1001', 'RECENT1', 'staff:counter']);
  assert.equal(attempts.failuresInARow('1001'), 1, 'the patron\'s streak still counts');
});

test('lifted blocks are forgotten after the retention period', () => {
  const { attempts } = createTestStorage();
  const now = Date.UTC(2026, 10, 28);
  attempts.lift('1001', now - 91 * day);
  attempts.lift('1002', now - 89 * day);
  assert.equal(attempts.deleteLiftsOlderThan(now - 90 * day), 1);
  assert.equal(attempts.liftedAt('1001'), undefined);
  assert.equal(attempts.liftedAt('1002'), now - 89 * day);
});
