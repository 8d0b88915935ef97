import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './connection.js';
import { migrate } from './migrate.js';

test('a new database gets every migration and is reported as created', () => {
  const db = openDatabase(':memory:');
  const result = migrate(db);
  assert.equal(result.created, true);
  assert.ok(result.applied.includes('001-patrons-attempts-sessions.sql'));
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  for (const table of ['patrons', 'login_attempts', 'sessions', 'schema_migrations']) assert.ok(tables.includes(table), table);
});

test('an existing database upgrades in place: only the new migration runs, data is kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-migrate-'));
  writeFileSync(join(dir, '001-first.sql'), 'CREATE TABLE things (name TEXT);');
  const db = openDatabase(join(dir, 'test.sqlite'));
  migrate(db, dir);
  db.prepare("INSERT INTO things VALUES ('kept')").run();
  writeFileSync(join(dir, '002-second.sql'), 'ALTER TABLE things ADD COLUMN colour TEXT;');
  const second = migrate(db, dir);
  assert.deepEqual(second, { created: false, applied: ['002-second.sql'] });
  assert.deepEqual(db.prepare('SELECT name, colour FROM things').all(), [{ name: 'kept', colour: null }]);
  assert.deepEqual(migrate(db, dir), { created: false, applied: [] });
});

test('two migration files with one number are refused, and nothing is applied', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-migrate-'));
  writeFileSync(join(dir, '001-first.sql'), 'CREATE TABLE things (name TEXT);');
  writeFileSync(join(dir, '002-second.sql'), 'CREATE TABLE second (name TEXT);');
  writeFileSync(join(dir, '002-other.sql'), 'CREATE TABLE other (name TEXT);');
  const db = openDatabase(':memory:');
  assert.throws(() => migrate(db, dir), /two migrations share the number 2/);
  assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(), []);
});
