import { sql } from 'kysely';
import type { Database, Statement } from '../engine/database.js';
import type { AttemptBucket } from '../../domain/auth/attempt-records.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** How many keys and addresses each hour keeps (migration 016: the Space-Saving algorithm). */
export const TOP_PER_HOUR = 25;

export type TopKind = 'key' | 'address';

type Counter = 'successes' | 'failures' | 'refused' | 'blocks_started' | 'hard_limited' | 'reset_requests';
const COUNTERS: readonly Counter[] = ['successes', 'failures', 'refused', 'blocks_started', 'hard_limited', 'reset_requests'];

export type SecuritySummaryRepo = ReturnType<typeof createSecuritySummaryRepo>;

/**
 * The summaries of attempts the security page and the attack alert read (migration 016): one
 * upsert per event on the minute's row and one on the hour's, and for a failure the Space-Saving update of its hour's
 * top keys and addresses. Called inside the attempt gate's own transactions.
 */
export function createSecuritySummaryRepo(database: Database) {
  // Table and column names come from the constants above, never from input.
  const upserts = (table: 'attempt_minutes' | 'attempt_hours', start: 'minute_ms' | 'hour_ms') =>
    Object.fromEntries(
      COUNTERS.map((column) => [
        column,
        database.statement((at: number, by: number) => sql`
          INSERT INTO ${sql.table(table)} (${sql.ref(start)}, ${sql.ref(column)}) VALUES (${at}, ${by})
          ON CONFLICT (${sql.ref(start)}) DO UPDATE SET ${sql.ref(column)} = ${sql.ref(`${table}.${column}`)} + excluded.${sql.ref(column)}`),
      ]),
    ) as Record<Counter, Statement<[number, number], unknown>>;
  const perMinute = upserts('attempt_minutes', 'minute_ms');
  const perHour = upserts('attempt_hours', 'hour_ms');
  /** One event on its minute's row and its hour's row. */
  const count = (column: Counter, at: number) => {
    perMinute[column].run(at - (at % MINUTE_MS), 1);
    perHour[column].run(at - (at % HOUR_MS), 1);
  };
  const bumpTop = database.statement((hour: number, kind: TopKind, value: string) =>
    sql`UPDATE attempt_top_failures SET failures = failures + 1 WHERE hour_ms = ${hour} AND kind = ${kind} AND value = ${value}`);
  const countTop = database.statement((hour: number, kind: TopKind) =>
    sql<{ n: number }>`SELECT count(*) AS n FROM attempt_top_failures WHERE hour_ms = ${hour} AND kind = ${kind}`).pluck();
  const insertTop = database.statement((hour: number, kind: TopKind, value: string) =>
    sql`INSERT INTO attempt_top_failures (hour_ms, kind, value, failures) VALUES (${hour}, ${kind}, ${value}, 1)`);
  // Space-Saving: a key not yet counted takes the place of the least counted, with its count plus one.
  const replaceLeast = database.statement((value: string, hour: number, kind: TopKind) => sql`
    UPDATE attempt_top_failures SET value = ${value}, failures = failures + 1
    WHERE hour_ms = ${hour} AND kind = ${kind} AND value = (
      SELECT value FROM attempt_top_failures WHERE hour_ms = ${hour} AND kind = ${kind} ORDER BY failures, value LIMIT 1)`);
  const integer = sql.raw(database.dialect === 'postgres' ? 'BIGINT' : 'INTEGER');
  // A bucket's start is `from` plus whole buckets; the division is an integer one on both databases
  // (both operands are integers), and BIGINT is PostgreSQL's name for SQLite's INTEGER.
  const bucketsFrom = (table: 'attempt_minutes' | 'attempt_hours', start: 'minute_ms' | 'hour_ms') =>
    database.statement((from: number, to: number, size: number) => sql<AttemptBucket>`
      SELECT ${from} + CAST((${sql.ref(start)} - ${from}) / ${size} AS ${integer}) * ${size} AS "startMs",
             SUM(successes) AS successes, SUM(failures) AS failures, SUM(refused) AS refused,
             SUM(blocks_started) AS "blocksStarted", SUM(hard_limited) AS "hardLimited", SUM(reset_requests) AS "resetRequests"
      FROM ${sql.table(table)} WHERE ${sql.ref(start)} >= ${from} AND ${sql.ref(start)} < ${to} GROUP BY 1 ORDER BY 1`);
  const minuteBuckets = bucketsFrom('attempt_minutes', 'minute_ms');
  const hourBuckets = bucketsFrom('attempt_hours', 'hour_ms');
  const failuresSince = database.statement((from: number) =>
    sql<{ n: number }>`SELECT COALESCE(SUM(failures), 0) AS n FROM attempt_minutes WHERE minute_ms >= ${from}`).pluck();
  const top = database.statement((kind: TopKind, from: number, to: number, limit: number) => sql<{ value: string; failures: number }>`
    SELECT value, SUM(failures) AS failures FROM attempt_top_failures WHERE kind = ${kind} AND hour_ms >= ${from} AND hour_ms < ${to}
    GROUP BY value ORDER BY failures DESC, value LIMIT ${limit}`);
  const deleteMinutes = database.statement((cutoff: number) => sql`DELETE FROM attempt_minutes WHERE minute_ms < ${cutoff}`);
  const deleteHours = database.statement((cutoff: number) => sql`DELETE FROM attempt_hours WHERE hour_ms < ${cutoff}`);
  const deleteTop = database.statement((cutoff: number) => sql`DELETE FROM attempt_top_failures WHERE hour_ms < ${cutoff}`);

  const minuteOf = (at: number) => at - (at % MINUTE_MS);

  function countTopFailure(hour: number, kind: TopKind, value: string): void {
    if (bumpTop.run(hour, kind, value).changes === 1) return;
    if ((countTop.get(hour, kind) ?? 0) < TOP_PER_HOUR) insertTop.run(hour, kind, value);
    else replaceLeast.run(value, hour, kind);
  }

  return {
    success(at: number): void {
      count('successes', at);
    },
    /** A failed check, counted for the minute and for the hour's top keys and addresses. */
    failure(at: number, key: string, clientAddress: string | null): void {
      count('failures', at);
      const hour = at - (at % HOUR_MS);
      countTopFailure(hour, 'key', key);
      if (clientAddress) countTopFailure(hour, 'address', clientAddress);
    },
    refused(at: number): void {
      count('refused', at);
    },
    blockStarted(at: number): void {
      count('blocks_started', at);
    },
    hardLimited(at: number): void {
      count('hard_limited', at);
    },
    resetRequested(at: number): void {
      count('reset_requests', at);
    },
    /**
     * Sums from `from` to `to`, in buckets of `sizeMs` starting at `from`; buckets with nothing are
     * absent. Whole hours from `from` on a whole hour are read from the hourly rows.
     */
    buckets(from: number, to: number, sizeMs: number): AttemptBucket[] {
      const hourly = sizeMs % HOUR_MS === 0 && from % HOUR_MS === 0;
      return (hourly ? hourBuckets : minuteBuckets).all(from, to, sizeMs);
    },
    failuresSince(from: number): number {
      return failuresSince.get(minuteOf(from)) ?? 0;
    },
    /** The keys or addresses with the most failures in the hours from `from` (rounded down to its hour) to `to`. */
    top(kind: TopKind, from: number, to: number, limit: number): Array<{ value: string; failures: number }> {
      return top.all(kind, from - (from % HOUR_MS), to, limit);
    },
    deleteOlderThan(cutoff: number): void {
      deleteMinutes.run(cutoff);
      deleteHours.run(cutoff - (cutoff % HOUR_MS));
      deleteTop.run(cutoff - (cutoff % HOUR_MS));
    },
  };
}
