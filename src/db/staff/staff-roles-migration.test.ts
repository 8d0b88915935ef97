/**
 * Migration 010 moves each account's one role into a set of roles: every existing account must
 * come through it with the role it had, and keep working.
 */
import { test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../engine/connection.js';
import { migrate, MIGRATIONS_DIR } from '../engine/migrate.js';
import { createStaffRepo } from './staff-repo.js';

test('the accounts of a database from before 010 keep their role, and may then hold several', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-roles-'));
  const files = readdirSync(MIGRATIONS_DIR).filter((name) => /^\d+-.*\.sql$/.test(name));
  for (const name of files.filter((n) => parseInt(n, 10) < 10)) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  const db = openDatabase(join(dir, 'old.sqlite'));
  migrate(db, dir);
  db.exec(`
    INSERT INTO staff (id, username, role, password_hash, password_changed_at, created_at) VALUES (1, 'head', 'admin', 'h1', 5, 0);
    INSERT INTO staff (id, username, role, password_hash, password_changed_at, created_at, disabled_at) VALUES (2, 'desk', 'circulation', 'h2', 6, 0, 9);
  `);
  for (const name of files.filter((n) => parseInt(n, 10) >= 10)) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  migrate(db, dir);

  const staff = createStaffRepo(asDatabase(db));
  assert.deepEqual(staff.findByUsername('head')?.roles, ['admin']);
  assert.deepEqual({ ...staff.findById(2), roles: staff.findById(2)?.roles }, {
    id: 2, username: 'desk', roles: ['circulation'], passwordHash: 'h2', passwordChangedAt: 6, disabledAt: 9, language: null, email: null,
  });
  db.transaction(() => staff.setRoles(2, ['circulation', 'ill']))();
  assert.deepEqual(staff.findById(2)?.roles, ['circulation', 'ill']);
  assert.throws(() => db.prepare("INSERT INTO staff_roles (staff_id, role) VALUES (2, 'wizard')").run(), /CHECK/);
  // Only active accounts with the role, or admins, work a queue.
  assert.deepEqual(staff.withRole('ill').map((m) => m.username), ['head']);
});
