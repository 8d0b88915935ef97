import type { Db } from './connection.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** How many keys and addresses each hour keeps (migration 016: the Space-Saving algorithm). */
export const TOP_PER_HOUR = 25;

export type TopKind = 'key' | 'address';

export interface AttemptBucket {
  startMs: number;
  successes: number;
  failures: number;
  refused: number;
  blocksStarted: number;
  hardLimited: number;
  resetRequests: number;
}

type Counter = 'successes' | 'failures' | 'refused' | 'blocks_started' | 'hard_limited' | 'reset_requests';
const COUNTERS: readonly Counter[] = ['successes', 'failures', 'refused', 'blocks_started', 'hard_limited', 'reset_requests'];

export type SecuritySummaryRepo = ReturnType<typeof createSecuritySummaryRepo>;

/**
 * The summaries of attempts the security page and the attack alert read (migration 016): one
 * upsert per event on the minute's row and one on the hour's, and for a failure the Space-Saving update of its hour's
 * top keys and addresses. Called inside the attempt gate's own transactions.
 */
export function createSecuritySummaryRepo(db: Db) {
  const upserts = (table: 'attempt_minutes' | 'attempt_hours', start: 'minute_ms' | 'hour_ms') =>
    Object.fromEntries(
      COUNTERS.map((column) => [
        column,
        db.prepare<[number, number]>(`INSERT INTO ${table} (${start}, ${column}) VALUES (?, ?) ON CONFLICT (${start}) DO UPDATE SET ${column} = ${column} + excluded.${column}`),
      ]),
    ) as Record<Counter, ReturnType<typeof db.prepare<[number, number]>>>;
  const perMinute = upserts('attempt_minutes', 'minute_ms');
  const perHour = upserts('attempt_hours', 'hour_ms');
  /** One event on its minute's row and its hour's row. */
  const count = (column: Counter, at: number) => {
    perMinute[column].run(at - (at % MINUTE_MS), 1);
    perHour[column].run(at - (at % HOUR_MS), 1);
  };
  const bumpTop = db.prepare('UPDATE attempt_top_failures SET failures = failures + 1 WHERE hour_ms = ? AND kind = ? AND value = ?');
  const countTop = db.prepare<[number, string], number>('SELECT count(*) FROM attempt_top_failures WHERE hour_ms = ? AND kind = ?').pluck();
  const insertTop = db.prepare('INSERT INTO attempt_top_failures (hour_ms, kind, value, failures) VALUES (?, ?, ?, 1)');
  // Space-Saving: a key not yet counted takes the place of the least counted, with its count plus one.
  const replaceLeast = db.prepare(`UPDATE attempt_top_failures SET value = @value, failures = failures + 1
    WHERE hour_ms = @hour AND kind = @kind AND value = (
      SELECT value FROM attempt_top_failures WHERE hour_ms = @hour AND kind = @kind ORDER BY failures, value LIMIT 1)`);
  const bucketsFrom = (table: 'attempt_minutes' | 'attempt_hours', start: 'minute_ms' | 'hour_ms') =>
    db.prepare<[{ from: number; to: number; size: number }], AttemptBucket>(
      `SELECT @from + CAST((${start} - @from) / @size AS INTEGER) * @size AS startMs,
              SUM(successes) AS successes, SUM(failures) AS failures, SUM(refused) AS refused,
              SUM(blocks_started) AS blocksStarted, SUM(hard_limited) AS hardLimited, SUM(reset_requests) AS resetRequests
       FROM ${table} WHERE ${start} >= @from AND ${start} < @to GROUP BY 1 ORDER BY 1`,
    );
  const minuteBuckets = bucketsFrom('attempt_minutes', 'minute_ms');
  const hourBuckets = bucketsFrom('attempt_hours', 'hour_ms');
  const failuresSince = db.prepare<[number], number>('SELECT COALESCE(SUM(failures), 0) FROM attempt_minutes WHERE minute_ms >= ?').pluck();
  const top = db.prepare<[string, number, number, number], { value: string; failures: number }>(
    `SELECT value, SUM(failures) AS failures FROM attempt_top_failures WHERE kind = ? AND hour_ms >= ? AND hour_ms < ?
     GROUP BY value ORDER BY failures DESC, value LIMIT ?`,
  );
  const deleteMinutes = db.prepare('DELETE FROM attempt_minutes WHERE minute_ms < ?');
  const deleteHours = db.prepare('DELETE FROM attempt_hours WHERE hour_ms < ?');
  const deleteTop = db.prepare('DELETE FROM attempt_top_failures WHERE hour_ms < ?');

  const minuteOf = (at: number) => at - (at % MINUTE_MS);

  function countTopFailure(hour: number, kind: TopKind, value: string): void {
    if (bumpTop.run(hour, kind, value).changes === 1) return;
    if ((countTop.get(hour, kind) ?? 0) < TOP_PER_HOUR) insertTop.run(hour, kind, value);
    else replaceLeast.run({ value, hour, kind });
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
      return (hourly ? hourBuckets : minuteBuckets).all({ from, to, size: sizeMs });
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
