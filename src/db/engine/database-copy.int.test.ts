/**
 * Moving a library's data: the demo portal's whole database copied from SQLite into
 * PostgreSQL and back, every table counted, and the copy working as the portal: a login, a search
 * ranked by PostgreSQL's own index, new rows with new ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../config.js';
import { loadDemo } from '../../demo/load-demo.js';
import { createPortal } from '../../portal.js';
import { countingHasher, TEST_SECRET } from '../../test-support/fixtures.js';
import { openTestDatabase, TEST_DATABASE_URL } from '../../test-support/databases.js';
import { prepare } from '../../test-support/raw-sql.js';
import type { Database } from './database.js';
import { copyDatabase, inReferenceOrder } from './database-copy.js';

const config = loadConfig({ DATABASE_FILE: ':memory:', APP_SECRET: TEST_SECRET });
const portalOn = (database: Database) => createPortal(config, database, { hasher: countingHasher(), logger: { info() {}, error() {} } });

test('tables are filled after the tables they refer to', () => {
  assert.deepEqual(
    inReferenceOrder(['loans', 'copies', 'records', 'patrons'], [
      { table: 'loans', references: 'copies' },
      { table: 'loans', references: 'patrons' },
      { table: 'copies', references: 'records' },
    ]),
    ['records', 'copies', 'patrons', 'loans'],
  );
});

test('a copy refuses a target that holds tables, and writes nothing to it', () => {
  const source = openTestDatabase('sqlite');
  const target = openTestDatabase('sqlite');
  try {
    const before: unknown = prepare(target.database, 'SELECT COUNT(*) FROM patrons').pluck().get();
    const result = copyDatabase(source.database, target.database);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'target-not-empty');
    assert.equal(prepare(target.database, 'SELECT COUNT(*) FROM patrons').pluck().get(), before);
  } finally {
    source.drop();
    target.drop();
  }
});

if (TEST_DATABASE_URL) {
  test('postgres: the demo database copied from SQLite into PostgreSQL and back, every count the same, and the copies work as the portal', async () => {
    const sqlite = openTestDatabase('sqlite');
    const postgres = openTestDatabase('postgres', { migrated: false });
    const back = openTestDatabase('sqlite', { migrated: false });
    try {
      const original = portalOn(sqlite.database);
      await loadDemo(original);
      const seen: string[] = [];
      const there = copyDatabase(sqlite.database, postgres.database, (t) => seen.push(t.table));
      assert.ok(there.ok, JSON.stringify(there));
      assert.ok(there.tables.every((t) => t.source === t.target));
      assert.ok(seen.includes('patrons') && seen.includes('booked_slots') && seen.includes('deposit_authors'));
      const rows = (t: string) => there.tables.find((c) => c.table === t)?.target;
      assert.equal(rows('records'), 811);
      assert.ok((rows('patrons') ?? 0) > 0 && (rows('loans') ?? 0) > 0 && (rows('audit_log') ?? 0) > 0);

      // The copy is the portal: a demo patron logs in with his PIN, the catalogue is searched, new rows get new ids.
      const copied = portalOn(postgres.database);
      assert.equal((await copied.auth.login({ barcode: '21000004', pin: 'K7M2P9' }, '192.0.2.1')).kind, 'success');
      assert.equal((await copied.auth.login({ barcode: '21000004', pin: 'WRONG1' }, '192.0.2.1')).kind, 'incorrect');
      const search = copied.catalogue.search('dracula', 1);
      assert.equal(search.kind, 'found');
      assert.equal(search.kind === 'found' && search.records[0]!.title, 'Dracula');
      const newest = prepare(postgres.database, 'SELECT MAX(id) FROM audit_log').pluck().get() as number;
      copied.audit.record({ actor: 'system', action: 'staff.added', detail: 'after the copy' }, Date.now());
      assert.equal(prepare(postgres.database, 'SELECT MAX(id) FROM audit_log').pluck().get(), newest + 1);

      // And back again, into a new SQLite database: every count the same on both sides, and its search index filled.
      const again = copyDatabase(postgres.database, back.database);
      assert.ok(again.ok, JSON.stringify(again));
      // (The logins and the audit entry above added rows on PostgreSQL: the copy back has them too.)
      assert.deepEqual(again.tables.map((t) => t.table), there.tables.map((t) => t.table));
      for (const table of ['records', 'copies', 'loans', 'patrons', 'bookings', 'deposits', 'recommendations', 'ill_requests']) {
        assert.equal(again.tables.find((t) => t.table === table)?.target, rows(table), table);
      }
      assert.equal(again.tables.find((t) => t.table === 'audit_log')?.target, (rows('audit_log') ?? 0) + 1);
      const search2 = portalOn(back.database).catalogue.search('dracula', 1);
      assert.equal(search2.kind === 'found' && search2.records[0]!.title, 'Dracula');
    } finally {
      sqlite.drop();
      postgres.drop();
      back.drop();
    }
  });
}
