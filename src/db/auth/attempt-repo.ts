import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import { staffAttemptKey } from '../../domain/staff/staff.js';
import type { RecentAttempt } from '../../domain/auth/attempt-records.js';

export type AttemptOutcome = 'success' | 'failure';

export type AttemptRepo = ReturnType<typeof createAttemptRepo>;

/**
 * The login_attempts table: the hottest path of the portal, and the one attacked.
 * Its `barcode` column holds the attempt key: a patron's barcode, or "staff:" and a username.
 * Every query here is served by the one index (barcode, at_ms, outcome); nothing is
 * sorted in SQL (the at most five rows of a window are sorted in code).
 */
export function createAttemptRepo(database: Database) {
  const countingInWindow = database.statement((key: string, since: number) => sql<{ at_ms: number }>`
    SELECT at_ms FROM login_attempts WHERE barcode = ${key} AND at_ms > ${since} AND outcome IN ('pending', 'failure')`).pluck();
  const insertPending = database.statement((key: string, at: number, address: string | null) => sql<{ id: number }>`
    INSERT INTO login_attempts (barcode, at_ms, outcome, client_address) VALUES (${key}, ${at}, 'pending', ${address}) RETURNING id`).pluck();
  const decide = database.statement((outcome: AttemptOutcome, id: number) =>
    sql`UPDATE login_attempts SET outcome = ${outcome} WHERE id = ${id} AND outcome = 'pending'`);
  const bumpBlocked = database.statement((address: string | null, key: string, minute: number) => sql`
    UPDATE login_attempts SET count = count + 1, client_address = ${address}
    WHERE barcode = ${key} AND at_ms = ${minute} AND outcome = 'blocked'`);
  const insertBlocked = database.statement((key: string, minute: number, address: string | null) =>
    sql`INSERT INTO login_attempts (barcode, at_ms, outcome, client_address) VALUES (${key}, ${minute}, 'blocked', ${address})`);
  const oldest = database.statement(() => sql<{ id: number; at_ms: number }>`SELECT id, at_ms FROM login_attempts ORDER BY id LIMIT 1`);
  const deleteOldBatch = database.statement((batch: number, cutoff: number) => sql`
    DELETE FROM login_attempts WHERE id IN (SELECT id FROM login_attempts ORDER BY id LIMIT ${batch}) AND at_ms < ${cutoff}`);

  const fromAddress = database.statement((address: string, since: number) => sql<{ at_ms: number }>`
    SELECT at_ms FROM login_attempts WHERE client_address = ${address} AND at_ms > ${since} AND outcome IN ('pending', 'failure')`).pluck();
  const streak = database.statement((key: string) => sql<{ failures: number }>`SELECT failures FROM failure_streaks WHERE attempt_key = ${key}`).pluck();
  const extendStreak = database.statement((key: string, at: number) => sql`
    INSERT INTO failure_streaks (attempt_key, failures, last_at) VALUES (${key}, 1, ${at})
    ON CONFLICT (attempt_key) DO UPDATE SET failures = failure_streaks.failures + 1, last_at = excluded.last_at`);
  const endStreak = database.statement((key: string) => sql`DELETE FROM failure_streaks WHERE attempt_key = ${key}`);
  const liftedAt = database.statement((key: string) => sql<{ lifted_at: number }>`SELECT lifted_at FROM lockout_lifts WHERE attempt_key = ${key}`).pluck();
  const lift = database.statement((key: string, at: number) => sql`
    INSERT INTO lockout_lifts (attempt_key, lifted_at) VALUES (${key}, ${at})
    ON CONFLICT (attempt_key) DO UPDATE SET lifted_at = excluded.lifted_at`);
  // Housekeeping: a streak whose key is no patron's barcode and no member of staff's ("staff:" and
  // the username, as domain/staff.ts makes it) belongs to nobody. Walked in key order, a page at a time.
  const streakKeysAfter = database.statement((after: string, limit: number) => sql<{ attempt_key: string }>`
    SELECT attempt_key FROM failure_streaks WHERE attempt_key > ${after} ORDER BY attempt_key LIMIT ${limit}`).pluck();
  const deleteOrphanStreaks = database.statement((first: string, last: string, cutoff: number, staffPrefix: string) => sql`
    DELETE FROM failure_streaks
    WHERE attempt_key BETWEEN ${first} AND ${last} AND last_at < ${cutoff}
      AND NOT EXISTS (SELECT 1 FROM patrons WHERE barcode = failure_streaks.attempt_key)
      AND NOT EXISTS (SELECT 1 FROM staff WHERE ${staffPrefix} || username = failure_streaks.attempt_key)`);
  const deleteOldLifts = database.statement((cutoff: number) => sql`DELETE FROM lockout_lifts WHERE lifted_at < ${cutoff}`);
  const recent = database.statement((key: string, limit: number) => sql<RecentAttempt>`
    SELECT at_ms AS "atMs", outcome, client_address AS "clientAddress", count FROM login_attempts
    WHERE barcode = ${key} ORDER BY at_ms DESC LIMIT ${limit}`);

  return {
    /** Times of failed and undecided attempts from a client address after `since`, on any key. */
    countingTimesFromAddressSince(clientAddress: string, since: number): number[] {
      return fromAddress.all(clientAddress, since);
    },
    /** Failures in a row on a key with no success between. */
    failuresInARow(key: string): number {
      return streak.get(key) ?? 0;
    },
    /** A success, or a PIN returned to the default, ends the streak. */
    endStreak(key: string): void {
      endStreak.run(key);
    },
    /** When staff last lifted a block on this key, if ever: failures before then no longer count. */
    liftedAt(key: string): number | undefined {
      return liftedAt.get(key);
    },
    lift(key: string, at: number): void {
      lift.run(key, at);
    },
    /** The latest attempts on a key, newest first, for the counter's console. */
    recent(key: string, limit: number): RecentAttempt[] {
      return recent.all(key, limit);
    },
    /** Times of failed and undecided attempts on the barcode after `since`. */
    countingTimesSince(barcode: string, since: number): number[] {
      return countingInWindow.all(barcode, since);
    },
    recordPending(barcode: string, at: number, clientAddress: string | null): number {
      return insertPending.get(barcode, at, clientAddress)!;
    },
    /** Settles a pending attempt; false if it was no longer pending. */
    decide(attemptId: number, outcome: AttemptOutcome): boolean {
      return decide.run(outcome, attemptId).changes === 1;
    },
    extendStreak(key: string, at: number): void {
      extendStreak.run(key, at);
    },
    /** Blocked attempts are one row per barcode and minute, with a count. */
    recordBlocked(barcode: string, at: number, clientAddress: string | null): void {
      const minute = at - (at % 60_000);
      if (bumpBlocked.run(clientAddress, barcode, minute).changes === 0) insertBlocked.run(barcode, minute, clientAddress);
    },
    /**
     * Deletes attempts older than `cutoff`, oldest first in small batches. Rows are
     * appended in time order, so this walks the table's start, never the whole table.
     */
    deleteOlderThan(cutoff: number, batchSize = 1000): number {
      let deleted = 0;
      for (;;) {
        const first = oldest.get();
        if (!first || first.at_ms >= cutoff) return deleted;
        const changes = deleteOldBatch.run(batchSize, cutoff).changes;
        deleted += changes;
        if (changes === 0) return deleted;
      }
    },
    /**
     * Deletes the failure streaks of keys that belong to nobody (barcodes and usernames that do
     * not exist, tried by someone) last extended before `cutoff`. A patron's or a member of
     * staff's streak stays whatever its age: it is what holds the hard limit.
     */
    deleteOrphanStreaksOlderThan(cutoff: number, batchSize = 1000): number {
      let deleted = 0;
      for (let after = ''; ; ) {
        const keys = streakKeysAfter.all(after, batchSize);
        const last = keys[keys.length - 1];
        if (last === undefined) return deleted;
        deleted += deleteOrphanStreaks.run(keys[0]!, last, cutoff, staffAttemptKey('')).changes;
        after = last;
      }
    },
    /** Deletes the record of blocks lifted before `cutoff`: a lift matters only inside the block's short window. */
    deleteLiftsOlderThan(cutoff: number): number {
      return deleteOldLifts.run(cutoff).changes;
    },
  };
}
