import type { RawBuilder } from 'kysely';
import type { Dialect } from './sql-statement.js';

export type { Dialect } from './sql-statement.js';

/** What a write reports: how many rows it changed. */
export interface RunResult {
  changes: number;
}

/**
 * One statement, compiled once for the database's dialect and run with new arguments each call.
 * The shape is better-sqlite3's, which every repository was written against.
 */
export interface Statement<A extends unknown[], R> {
  all(...args: A): R[];
  get(...args: A): R | undefined;
  run(...args: A): RunResult;
  /** The same statement, answering each row's first column instead of the row. */
  pluck(): Statement<A, R extends Record<string, infer V> ? V : R>;
}

/**
 * The portal's database, SQLite or PostgreSQL, behind one synchronous interface.
 *
 * Synchronous on purpose: every transaction of the portal (the attempt gate's check-and-record, a
 * loan, a booking) is a short run of statements that never waits on anything else, which is how
 * better-sqlite3 has always run them, and what keeps each of them one indivisible step in the
 * process. On PostgreSQL a statement's round trip blocks the event loop as a SQLite page read from
 * disk does; a library scales by adding app servers, each with its own connection.
 */
export interface Database {
  readonly dialect: Dialect;
  /** A statement written once as a Kysely `sql` template of its arguments, for either dialect. */
  statement<A extends unknown[], R>(build: (...args: A) => RawBuilder<R>): Statement<A, R>;
  /**
   * Runs `work` as one transaction that holds the write lock from its first statement, so that
   * what it reads cannot change before it writes: BEGIN IMMEDIATE on SQLite; on PostgreSQL a
   * transaction-scoped advisory lock (see postgres-database.ts). Nested calls join the outer one.
   */
  transaction<T>(work: () => T): T;
  /** Runs `work`, which only reads, so that every read sees the same state, without the write lock. */
  snapshot<T>(work: () => T): T;
  /** Runs statements without arguments, such as a migration's. */
  exec(sqlText: string): void;
  close(): void;
  /** False once closed: work finishing late (a mail's callback) then leaves the database alone. */
  readonly open: boolean;
}
