import type { Database as SqliteConnection, Statement as SqliteStatement } from 'better-sqlite3';
import type { RawBuilder } from 'kysely';
import type { Database, RunResult, Statement } from './database.js';
import { compileStatement } from './sql-statement.js';

/** A better-sqlite3 connection, as connection.ts opens it. */
export type Db = SqliteConnection;

function wrap<A extends unknown[], R>(prepared: SqliteStatement, bind: (args: readonly unknown[]) => unknown[]): Statement<A, R> {
  return {
    all: (...args) => prepared.all(...bind(args)) as R[],
    get: (...args) => prepared.get(...bind(args)) as R | undefined,
    run: (...args): RunResult => ({ changes: prepared.run(...bind(args)).changes }),
    pluck: () => wrap(prepared.pluck(), bind),
  };
}

/** The portal's database on one SQLite file, through better-sqlite3 (opened by connection.ts). */
export function sqliteDatabase(db: Db): Database {
  return {
    dialect: 'sqlite',
    statement<A extends unknown[], R>(build: (...args: A) => RawBuilder<R>): Statement<A, R> {
      const compiled = compileStatement('sqlite', build);
      // pluck() changes the prepared statement itself: each statement object gets its own.
      return wrap<A, R>(db.prepare(compiled.sql), compiled.bind);
    },
    transaction: (work) => db.transaction(work).immediate(),
    // A deferred transaction that only reads takes no write lock; WAL keeps its reads on one snapshot.
    snapshot: (work) => db.transaction(work).deferred(),
    exec: (sqlText) => void db.exec(sqlText),
    close: () => db.close(),
    get open() {
      return db.open;
    },
  };
}

const wrapped = new WeakMap<Db, Database>();

/**
 * The Database for a better-sqlite3 connection, made once per connection, or the Database itself.
 * Repositories take either: the portal's composition still hands some of them the SQLite
 * connection opened by connection.ts, while others already run on both dialects.
 */
export function asDatabase(db: Db | Database): Database {
  if ('dialect' in db) return db;
  let database = wrapped.get(db);
  if (!database) wrapped.set(db, (database = sqliteDatabase(db)));
  return database;
}
