/**
 * Migration 007 builds the requests table again (SQLite cannot widen a CHECK in place): a
 * library's existing requests must come through it whole, and the new status must be allowed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../engine/connection.js';
import { migrate, MIGRATIONS_DIR } from '../engine/migrate.js';

test('the requests of a database from before 007 survive it, with their ids, and may then be in transit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-transit-'));
  const files = readdirSync(MIGRATIONS_DIR).filter((name) => /^\d+-.*\.sql$/.test(name));
  for (const name of files.filter((n) => parseInt(n, 10) < 7)) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  const db = openDatabase(join(dir, 'old.sqlite'));
  migrate(db, dir);
  db.exec(`
    INSERT INTO patrons (id, barcode, name, patron_type, id_document, id_fingerprint, default_pin_hash, created_at, updated_at)
      VALUES (1, '21000001', 'Chan Tai Man', 'undergraduate', 'hkid', 'f', 'h', 0, 0);
    INSERT INTO records (id, isbn, title, author) VALUES (1, '9780140437645', 'Kidnapped', 'Stevenson');
    INSERT INTO copies (id, record_id, item_barcode, call_number, location, status) VALUES (1, 1, '30000001', 'PR5482', 'Main', 'on_hold');
    INSERT INTO requests (id, record_id, patron_id, pickup_location_id, placed_at, status) VALUES (7, 1, 1, 2, 100, 'cancelled');
    INSERT INTO requests (id, record_id, patron_id, pickup_location_id, placed_at, status, copy_id, ready_at, collect_by)
      VALUES (9, 1, 1, 2, 200, 'ready', 1, 300, '2026-12-05');
  `);
  const before = db.prepare('SELECT * FROM requests ORDER BY id').all();

  copyFileSync(join(MIGRATIONS_DIR, files.find((n) => parseInt(n, 10) === 7)!), join(dir, files.find((n) => parseInt(n, 10) === 7)!));
  assert.deepEqual(migrate(db, dir).applied, ['007-transit.sql']);
  const after = db.prepare('SELECT id, record_id, patron_id, pickup_location_id, placed_at, status, copy_id, ready_at, collect_by FROM requests ORDER BY id').all();
  assert.deepEqual(after, before);
  assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);

  db.prepare("UPDATE requests SET status = 'in_transit', sent_at = 400 WHERE id = 9").run();
  assert.throws(() => db.prepare("UPDATE requests SET status = 'lost' WHERE id = 9").run(), /CHECK constraint failed/);
  // Still one open request per title per patron, in transit too.
  assert.throws(
    () => db.prepare("INSERT INTO requests (record_id, patron_id, pickup_location_id, placed_at, status) VALUES (1, 1, 1, 500, 'waiting')").run(),
    /UNIQUE constraint failed/,
  );
  db.close();
});
