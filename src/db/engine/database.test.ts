import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabase, tableShapes, TEST_DIALECTS } from '../../test-support/databases.js';
import { isUnavailable, isUniqueViolation } from './errors.js';
import { postgresDatabase } from './postgres/postgres-database.js';
import { migrationFor } from './migration-dialect.js';

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a statement written once runs with new arguments each time, rows and first columns alike`, () => {
    const { database, drop } = openTestDatabase(dialect, { migrated: false });
    try {
      // Tables are made as the migrations make them: in SQLite's terms, read for each dialect.
      database.exec(migrationFor(dialect, 'CREATE TABLE shelf (id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE, copies INTEGER NOT NULL) STRICT;'));
      const add = database.statement((title: string, copies: number) => sql`INSERT INTO shelf (title, copies) VALUES (${title}, ${copies})`);
      assert.deepEqual(add.run('Dream of the Red Chamber', 2), { changes: 1 });
      add.run('Journey to the West', 3);
      const withAtLeast = database.statement((copies: number) =>
        sql<{ title: string; copies: number }>`SELECT title, copies FROM shelf WHERE copies >= ${copies} ORDER BY title`);
      assert.deepEqual(withAtLeast.all(3), [{ title: 'Journey to the West', copies: 3 }]);
      assert.deepEqual(withAtLeast.pluck().all(0), ['Dream of the Red Chamber', 'Journey to the West']);
      assert.equal(withAtLeast.get(9), undefined);
      // A count comes back as a number on both, not PostgreSQL's BIGINT string.
      assert.equal(database.statement(() => sql<{ n: number }>`SELECT COUNT(*) AS n FROM shelf`).pluck().get(), 2);
      assert.equal(database.statement((a: number) => sql`UPDATE shelf SET copies = copies + ${a} WHERE copies > ${a}`).run(2).changes, 1);
    } finally {
      drop();
    }
  });

  test(`${dialect}: a failed transaction leaves nothing behind, a failed inner one only its own part, and a duplicate is told apart`, () => {
    const { database, drop } = openTestDatabase(dialect, { migrated: false });
    try {
      database.exec('CREATE TABLE shelf (title TEXT PRIMARY KEY)');
      const add = database.statement((title: string) => sql`INSERT INTO shelf (title) VALUES (${title})`);
      const titles = database.statement(() => sql<{ title: string }>`SELECT title FROM shelf ORDER BY title`).pluck();
      assert.throws(() => database.transaction(() => { add.run('a'); add.run('a'); }), (err) => isUniqueViolation(err));
      assert.deepEqual(titles.all(), []);
      database.transaction(() => {
        add.run('b');
        assert.throws(() => database.transaction(() => { add.run('c'); throw new Error('changed my mind'); }), /changed my mind/);
      });
      assert.deepEqual(titles.all(), ['b']);
      assert.equal(isUniqueViolation(new Error('something else')), false);
    } finally {
      drop();
    }
  });
}

if (TEST_DIALECTS.includes('postgres')) {
  test('postgres: the migrations give it the same tables and columns as SQLite (SQLite\'s FTS5 index aside)', () => {
    const lite = openTestDatabase('sqlite');
    const pg = openTestDatabase('postgres');
    try {
      const shapes = tableShapes(pg.database).map((shape) => shape.replace(/, search\)$/, ')'));
      assert.deepEqual(shapes, tableShapes(lite.database));
      assert.ok(shapes.length > 30, `${shapes.length} tables`);
    } finally {
      lite.drop();
      pg.drop();
    }
  });
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a statement may take one object of named values, a value used twice bound twice`, () => {
    const { database, drop } = openTestDatabase(dialect, { migrated: false });
    try {
      database.exec(migrationFor(dialect, 'CREATE TABLE shelf (title TEXT NOT NULL, note TEXT, at_ms INTEGER NOT NULL, seen_ms INTEGER NOT NULL) STRICT;'));
      const add = database.statement((b: { title: string; note?: string | null; now: number }) =>
        sql`INSERT INTO shelf (title, note, at_ms, seen_ms) VALUES (${b.title}, ${b.note}, ${b.now}, ${b.now})`);
      add.run({ title: 'Fortress Besieged', now: 7 });
      assert.deepEqual(database.statement(() => sql`SELECT title, note, at_ms, seen_ms FROM shelf`).all(), [
        { title: 'Fortress Besieged', note: null, at_ms: 7, seen_ms: 7 },
      ]);
    } finally {
      drop();
    }
  });

  test(`${dialect}: a value holding U+0000 (a hostile ?q=%00) is looked up and stored without a fault; a snapshot reads, and a closed database says so`, () => {
    const { database, drop } = openTestDatabase(dialect, { migrated: false });
    try {
      database.exec(migrationFor(dialect, 'CREATE TABLE shelf (title TEXT NOT NULL) STRICT;'));
      database.statement((title: string) => sql`INSERT INTO shelf (title) VALUES (${title})`).run('Ah Q\u0000');
      const find = database.statement((title: string) => sql<{ title: string }>`SELECT title FROM shelf WHERE title = ${title}`).pluck();
      assert.equal(find.get('\u0000'), undefined);
      assert.equal(database.snapshot(() => database.statement(() => sql<{ n: number }>`SELECT COUNT(*) AS n FROM shelf`).pluck().get()), 1);
      assert.equal(database.open, true);
    } finally {
      drop();
    }
    assert.equal(database.open, false);
  });

  if (dialect === 'postgres') {
    test('postgres: a connection the server ended is opened again, a statement meeting it at most told unavailable, and a transaction it cut off fails as unavailable', () => {
      const { database, url, drop } = openTestDatabase(dialect, { migrated: false });
      const other = postgresDatabase(url!);
      try {
        const pid = database.statement(() => sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`).pluck();
        const end = other.statement((p: number) => sql`SELECT pg_terminate_backend(${p})`);
        const first = pid.get()!;
        end.run(first);
        // The statement that meets the ended connection may fail as unavailable (503), if the news of
        // the end has not reached this process yet; it is never run twice. The next one is on a new connection.
        let next: number | undefined;
        try {
          next = pid.get();
        } catch (err) {
          assert.ok(isUnavailable(err), String(err));
          next = pid.get();
        }
        assert.notEqual(next, first, 'a new connection');
        assert.throws(
          () => database.transaction(() => {
            end.run(pid.get()!);
            pid.get();
          }),
          (err) => isUnavailable(err),
        );
        let again: unknown;
        try {
          again = pid.get();
        } catch (err) {
          assert.ok(isUnavailable(err), String(err));
          again = pid.get();
        }
        assert.equal(typeof again, 'number', 'and a later statement runs again');
      } finally {
        other.close();
        drop();
      }
    });
  }
}
