import type { Statement as SqliteStatement } from 'better-sqlite3';
import type { RawBuilder } from 'kysely';
import type { Db } from './connection.js';
import type { Database, RunResult, Statement } from './database.js';
import { compileStatement } from './sql-statement.js';

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
    exec: (sqlText) => void db.exec(sqlText),
    close: () => db.close(),
  };
}
