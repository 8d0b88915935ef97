/**
 * Migration 018 builds booking_members again with a state for each member: the members of a
 * library's existing bookings were booked in as members, so they come through accepted; a member
 * added later without a state is only invited, never booked in by default.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../engine/connection.js';
import { migrate, MIGRATIONS_DIR } from '../engine/migrate.js';

test('the members of bookings made before 018 become accepted; a member added afterwards without a state is only invited', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-018-'));
  const files = readdirSync(MIGRATIONS_DIR).filter((name) => /^\d+-.*\.sql$/.test(name));
  for (const name of files.filter((n) => parseInt(n, 10) < 18)) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  const db = openDatabase(join(dir, 'old.sqlite'));
  migrate(db, dir);
  db.exec(`
    INSERT INTO patrons (id, barcode, name, patron_type, id_document, id_fingerprint, default_pin_hash, created_at, updated_at)
      VALUES (1, '21000001', 'A', 'undergraduate', 'hkid', 'f', 'h', 0, 0), (2, '21000002', 'B', 'undergraduate', 'hkid', 'g', 'h', 0, 0),
             (3, '21000003', 'C', 'undergraduate', 'hkid', 'k', 'h', 0, 0);
    INSERT INTO facilities (id, name, kind, capacity_min, capacity_max, slot_minutes, created_at) VALUES (1, 'Room 1', 'group_room', 2, 4, 60, 0);
    INSERT INTO bookings (id, patron_id, facility_id, date, starts_at, ends_at, slots, status_at, created_at) VALUES (1, 1, 1, '2026-12-01', 1000, 2000, 1, 0, 0);
    INSERT INTO booking_members (booking_id, patron_id) VALUES (1, 2);
  `);

  const name = files.find((n) => parseInt(n, 10) === 18)!;
  copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  assert.deepEqual(migrate(db, dir).applied, [name]);
  assert.deepEqual(db.prepare('SELECT booking_id, patron_id, state, answered_at FROM booking_members').all(), [
    { booking_id: 1, patron_id: 2, state: 'accepted', answered_at: null },
  ]);
  db.prepare('INSERT INTO booking_members (booking_id, patron_id) VALUES (1, 3)').run();
  assert.equal(db.prepare('SELECT state FROM booking_members WHERE patron_id = 3').pluck().get(), 'invited');
  assert.throws(() => db.prepare("UPDATE booking_members SET state = 'maybe' WHERE patron_id = 3").run(), /CHECK constraint failed/);
  assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
  assert.ok(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'booking_members_patron'").get(), 'its index is back');
  db.close();
});
