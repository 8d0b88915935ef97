import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabase } from './databases.js';
import { countingDatabase } from './counting-database.js';

test('the counting database counts every statement and transaction, and answers as the database it wraps', () => {
  const { database, drop } = openTestDatabase('sqlite', { migrated: false });
  try {
    const db = countingDatabase(database);
    db.exec('CREATE TABLE shelf (title TEXT NOT NULL, copies INTEGER NOT NULL)');
    const add = db.statement((title: string, copies: number) => sql`INSERT INTO shelf (title, copies) VALUES (${title}, ${copies})`);
    const titles = db.statement(() => sql<{ title: string }>`SELECT title FROM shelf ORDER BY title`);
    assert.deepEqual(
      db.transaction(() => {
        add.run('Journey to the West', 3);
        // A nested call joins the outer transaction: still one transaction begun.
        return db.transaction(() => add.run('Dream of the Red Chamber', 2));
      }),
      { changes: 1 },
    );
    assert.deepEqual(titles.get(), { title: 'Dream of the Red Chamber' });
    assert.deepEqual(
      db.snapshot(() => titles.pluck().all()),
      ['Dream of the Red Chamber', 'Journey to the West'],
    );
    assert.deepEqual(db.count, { statements: 5, inWriteTransactions: 2, transactions: 1, snapshots: 1 });
    db.reset();
    assert.deepEqual(db.count, { statements: 0, inWriteTransactions: 0, transactions: 0, snapshots: 0 });
    assert.equal(db.open, true);
  } finally {
    drop();
  }
});
