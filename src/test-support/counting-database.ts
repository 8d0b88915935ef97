/**
 * A Database that counts what it is asked to run, and otherwise behaves exactly as the one it wraps.
 *
 * Here rather than in src/db/engine: only tests use it (the statement budgets), and the portal
 * itself has no reason to pay for the count. It wraps the Database interface, not a driver, so one
 * count means the same on SQLite and PostgreSQL: a call of run/get/all (of a statement or of its
 * pluck()) or of exec is one statement sent to the database. The BEGIN and COMMIT a transaction
 * adds are not in `statements`; `transactions` and `snapshots` count those begun.
 */
import type { RawBuilder } from 'kysely';
import type { Database, Statement } from '../db/engine/database.js';

export interface StatementCount {
  /** Statements run: run, get, all and exec calls. */
  statements: number;
  /** Of those, the ones run inside a write transaction (each holds the write lock while it runs). */
  inWriteTransactions: number;
  /** Write transactions begun; a nested call joins the outer one and is not counted. */
  transactions: number;
  /** Read-only snapshots begun, outside any other transaction or snapshot. */
  snapshots: number;
}

export interface CountingDatabase extends Database {
  /** What was run since the database was wrapped or last reset. */
  readonly count: StatementCount;
  /** Starts counting again from zero. */
  reset(): void;
}

const zero = (): StatementCount => ({ statements: 0, inWriteTransactions: 0, transactions: 0, snapshots: 0 });

export function countingDatabase(db: Database): CountingDatabase {
  let count = zero();
  // Database calls are synchronous, so a depth is enough to know whether a statement runs inside one.
  let writeDepth = 0;
  let anyDepth = 0;

  const ran = () => {
    count.statements++;
    if (writeDepth > 0) count.inWriteTransactions++;
  };

  function counted<A extends unknown[], R>(inner: Statement<A, R>): Statement<A, R> {
    return {
      all: (...args) => (ran(), inner.all(...args)),
      get: (...args) => (ran(), inner.get(...args)),
      run: (...args) => (ran(), inner.run(...args)),
      pluck: () => counted(inner.pluck()),
    };
  }

  function within<T>(write: boolean, begin: (work: () => T) => T, work: () => T): T {
    if (anyDepth === 0) {
      if (write) count.transactions++;
      else count.snapshots++;
    } else if (write && writeDepth === 0) count.transactions++;
    anyDepth++;
    if (write) writeDepth++;
    try {
      return begin(work);
    } finally {
      anyDepth--;
      if (write) writeDepth--;
    }
  }

  return {
    dialect: db.dialect,
    statement: <A extends unknown[], R>(build: (...args: A) => RawBuilder<R>) => counted(db.statement(build)),
    transaction: (work) => within(true, (w) => db.transaction(w), work),
    snapshot: (work) => within(false, (w) => db.snapshot(w), work),
    exec: (sqlText) => {
      ran();
      db.exec(sqlText);
    },
    close: () => db.close(),
    get open() {
      return db.open;
    },
    get count() {
      return { ...count };
    },
    reset: () => {
      count = zero();
    },
  };
}
