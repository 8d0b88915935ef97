/**
 * Migration 013 builds status_history again to let bookings into it (SQLite cannot widen a CHECK in
 * place): every step of a library's recommendations and interlibrary loans must come through whole.
 * And booked_slots refuses a second booking of a slot by itself, whatever code writes to it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../engine/connection.js';
import { migrate, MIGRATIONS_DIR } from '../engine/migrate.js';

test('the status history of a database from before 013 survives it, with its ids, and then takes bookings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-013-'));
  const files = readdirSync(MIGRATIONS_DIR).filter((name) => /^\d+-.*\.sql$/.test(name));
  for (const name of files.filter((n) => parseInt(n, 10) < 13)) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  const db = openDatabase(join(dir, 'old.sqlite'));
  migrate(db, dir);
  db.exec(`
    INSERT INTO staff (id, username, password_hash, password_changed_at, created_at) VALUES (7, 'm.chan', 'x', 0, 0);
    INSERT INTO status_history (id, subject, subject_id, status, at_ms, staff_id, reason, note) VALUES
      (3, 'recommendation', 1, 'rejected', 20, 7, 'price', 'HK$2,000'), (5, 'ill', 2, 'sent', 30, 7, NULL, 'HKU Libraries');
  `);
  const before = db.prepare('SELECT * FROM status_history ORDER BY id').all();
  assert.throws(() => db.prepare("INSERT INTO status_history (subject, subject_id, status, at_ms) VALUES ('booking', 1, 'booked', 1)").run(), /CHECK constraint failed/);

  const name = files.find((n) => parseInt(n, 10) === 13)!;
  copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  assert.deepEqual(migrate(db, dir).applied, [name]);
  assert.deepEqual(db.prepare('SELECT * FROM status_history ORDER BY id').all(), before);
  db.prepare("INSERT INTO status_history (subject, subject_id, status, at_ms) VALUES ('booking', 1, 'booked', 1)").run();
  assert.throws(() => db.prepare("INSERT INTO status_history (subject, subject_id, status, at_ms) VALUES ('loan', 1, 'x', 1)").run(), /CHECK constraint failed/);
  assert.ok(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'status_history_subject'").get(), 'its index is back');
  db.close();
});

test('booked_slots holds one booking per facility and slot: a second insert of the slot fails in the database', () => {
  const db = openDatabase(':memory:');
  migrate(db);
  db.exec(`
    INSERT INTO patrons (id, barcode, name, patron_type, id_document, id_fingerprint, default_pin_hash, created_at, updated_at)
      VALUES (1, '21000001', 'A', 'undergraduate', 'hkid', 'f', 'h', 0, 0), (2, '21000002', 'B', 'undergraduate', 'hkid', 'g', 'h', 0, 0);
    INSERT INTO facilities (id, name, kind, capacity_min, capacity_max, slot_minutes, created_at) VALUES (1, 'PC 1', 'computer', 1, 1, 30, 0);
    INSERT INTO bookings (id, patron_id, facility_id, date, starts_at, ends_at, slots, status_at, created_at) VALUES
      (1, 1, 1, '2026-12-01', 1000, 2000, 1, 0, 0), (2, 2, 1, '2026-12-01', 1000, 2000, 1, 0, 0);
    INSERT INTO booked_slots (facility_id, slot_start, booking_id) VALUES (1, 1000, 1);
  `);
  assert.throws(() => db.prepare('INSERT INTO booked_slots (facility_id, slot_start, booking_id) VALUES (1, 1000, 2)').run(), (err: { code?: string }) => err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
  db.close();
});
