import type { RawBuilder } from 'kysely';
import { createSyncFn } from 'synckit';
import type { Database, RunResult, Statement } from '../database.js';
import { compileStatement } from '../sql-statement.js';
import type { WorkerError, WorkerReply, WorkerRequest } from './protocol.js';

// The worker is this file's sibling: worker.js when built; from the sources (tests, benchmarks),
// a starter that loads worker.ts through tsx.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = new URL(fromSource ? './worker-from-source.mjs' : './worker.js', import.meta.url);

/** Longer than any statement of the portal; reached only when the database stops answering. */
const REQUEST_TIMEOUT_MS = 30_000;

let ask: ((request: WorkerRequest) => WorkerReply) | undefined;
function send(request: WorkerRequest): WorkerReply {
  ask ??= createSyncFn<(request: WorkerRequest) => Promise<WorkerReply>>(WORKER, { timeout: REQUEST_TIMEOUT_MS });
  return ask(request);
}

/** A PostgreSQL error, with its SQLSTATE as `code` (23505: unique violation), as the pg driver gives it. */
export class PostgresError extends Error {
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  constructor(error: WorkerError) {
    super(error.message);
    this.name = 'PostgresError';
    this.code = error.code;
    this.constraint = error.constraint;
  }
}

function answered(reply: WorkerReply): Extract<WorkerReply, { ok: true }> {
  if (!reply.ok) throw new PostgresError(reply.error);
  return reply;
}

/**
 * One key for every write transaction of the portal, taken with pg_advisory_xact_lock. It gives
 * PostgreSQL the guarantee SQLite's BEGIN IMMEDIATE gives: a transaction that reads and then
 * writes (the attempt gate counting a minute's attempts, then recording one; a booking checking
 * a patron's limit) runs alone, on every app server at once, so no check is made on rows that
 * change before its write. Chosen over SERIALIZABLE with retry because the portal's transactions
 * are short and already written to run once: a retry loop would have to re-run work that sends
 * mail or writes files. The lock is released by COMMIT or ROLLBACK, never held by a lost server.
 * Writes without a transaction (an upsert of a counter) are single statements, atomic by themselves.
 */
const WRITER_LOCK_KEY = 0x6d795265; // "myRe"

/**
 * PostgreSQL's text cannot hold the character U+0000, which SQLite stores and a hostile query
 * string can carry (`?q=%00`): it becomes U+FFFD, the replacement character, as a browser shows
 * bytes it cannot read. No barcode or title holds either, so a lookup finds what it found on SQLite.
 */
function storable(value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

/** The portal's database on PostgreSQL: one connection per process, through a worker thread. */
export function postgresDatabase(url: string): Database {
  const connection = answered(send({ kind: 'connect', url })).connection!;
  let depth = 0;
  let open = true;

  const query = (sql: string, values: unknown[], pluck: boolean) =>
    answered(send({ kind: 'query', connection, sql, values: values.map(storable), pluck, outsideTransaction: depth === 0 }));
  const exec = (sql: string) => void answered(send({ kind: 'exec', connection, sql, outsideTransaction: depth === 0 }));

  function statement<A extends unknown[], R>(sql: string, bind: (args: readonly unknown[]) => unknown[], pluck: boolean): Statement<A, R> {
    return {
      all: (...args) => query(sql, bind(args), pluck).rows as R[],
      get: (...args) => (query(sql, bind(args), pluck).rows as R[])[0],
      run: (...args): RunResult => ({ changes: query(sql, bind(args), pluck).changes ?? 0 }),
      pluck: () => statement(sql, bind, true),
    };
  }

  /** Runs `work` in a transaction begun with `begin`; nested calls run inside a savepoint of the outer one, as better-sqlite3's do. */
  function within<T>(begin: string, work: () => T): T {
    const savepoint = depth > 0 ? `inner_${depth}` : undefined;
    exec(savepoint ? `SAVEPOINT ${savepoint}` : begin);
    depth++;
    try {
      const result = work();
      exec(savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
      return result;
    } catch (err) {
      try {
        exec(savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}` : 'ROLLBACK');
      } catch {
        // The connection is gone, and the transaction with it: the first error is the one to tell.
      }
      throw err;
    } finally {
      depth--;
    }
  }

  return {
    dialect: 'postgres',
    statement<A extends unknown[], R>(build: (...args: A) => RawBuilder<R>): Statement<A, R> {
      const compiled = compileStatement('postgres', build);
      return statement<A, R>(compiled.sql, compiled.bind, false);
    },
    transaction: <T>(work: () => T) => within(`BEGIN; SELECT pg_advisory_xact_lock(${WRITER_LOCK_KEY})`, work),
    // One snapshot for every read, and no lock: readers never wait for the writer lock.
    snapshot: <T>(work: () => T) => within('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work),
    exec,
    close() {
      open = false;
      send({ kind: 'close', connection });
    },
    get open() {
      return open;
    },
  };
}
