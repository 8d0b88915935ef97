/**
 * Migration 008 on a database that already holds fines and payments: the payments recorded before
 * it are allocated to fines oldest first, as the counter now does, and keep "not recorded" as their
 * method; each fine then knows what is left of it.
 */
import { test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../engine/connection.js';
import { migrate, MIGRATIONS_DIR } from '../engine/migrate.js';
import { createFineRepo } from './fine-repo.js';

const PAYMENTS_MIGRATION = 8;

/** A folder with the project's migrations numbered below `below`, or all of them. */
function migrationsUpTo(dir: string, below: number): void {
  for (const name of readdirSync(MIGRATIONS_DIR).filter((file) => /^\d+-.*\.sql$/.test(file))) {
    if (parseInt(name, 10) < below) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  }
}

test('payments made before migration 008 are applied to the oldest fines first, with the method not recorded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-payments-'));
  migrationsUpTo(dir, PAYMENTS_MIGRATION);
  const db = openDatabase(':memory:');
  migrate(db, dir);
  db.exec(`INSERT INTO patrons (id, barcode, name, patron_type, id_document, id_fingerprint, default_pin_hash, created_at, updated_at)
    VALUES (1, '21000001', 'A', 'staff', 'hkid', 'f', 'h', 0, 0), (2, '21000002', 'B', 'staff', 'hkid', 'f', 'h', 0, 0)`);
  db.exec(`INSERT INTO fines (id, patron_id, amount, reason, created_at) VALUES
    (1, 1, 1200, 'first', 10), (2, 1, 500, 'second', 20), (3, 2, 300, 'other patron', 5), (4, 1, 300, 'after the payments', 40)`);
  db.exec(`INSERT INTO payments (id, patron_id, amount, created_at) VALUES (1, 1, 1000, 25), (2, 1, 400, 30), (3, 2, 300, 6)`);

  migrationsUpTo(dir, Number.MAX_SAFE_INTEGER);
  assert.ok(migrate(db, dir).applied.includes('008-payments.sql'));

  assert.deepEqual(db.prepare('SELECT payment_id, fine_id, amount FROM payment_allocations ORDER BY payment_id, fine_id').all(), [
    { payment_id: 1, fine_id: 1, amount: 1000 },
    { payment_id: 2, fine_id: 1, amount: 200 },
    { payment_id: 2, fine_id: 2, amount: 200 },
    { payment_id: 3, fine_id: 3, amount: 300 },
  ]);
  const fines = createFineRepo(asDatabase(db));
  assert.deepEqual(fines.finesOf(1).map((f) => [f.id, f.left]), [[1, 0], [2, 300], [4, 300]]);
  assert.deepEqual(fines.paymentsOf(1).map((p) => [p.id, p.method, p.balanceAfter]), [[1, null, 700], [2, null, 300]]);
  assert.equal(fines.balance(1), 600);
  assert.deepEqual(fines.allocationsOf(2).map((a) => [a.fineId, a.paid, a.leftAfter]), [[1, 200, 0], [2, 200, 300]]);
});
