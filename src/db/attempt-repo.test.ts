import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStorage } from '../test-support/fixtures.js';

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
