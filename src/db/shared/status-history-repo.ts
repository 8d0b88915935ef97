import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import { idsOf } from '../engine/sql-dialect.js';
import type { HistorySubject, HistoryEntry } from '../../domain/shared/status-history.js';

export type StatusHistoryRepo = ReturnType<typeof createStatusHistoryRepo>;

/**
 * The history of statuses shared by every service with a staff queue (docs/rules.md §8: "the patron
 * sees the whole history of each thing: every status with its date and, where staff gave one,
 * the reason"). Each service records a step in the same transaction as the change itself.
 */
type NewEntry = { subject: HistorySubject; subjectId: number; status: string; atMs: number; staffId?: number | null; reason?: string | null; note?: string | null };

export function createStatusHistoryRepo(database: Database) {
  const insert = database.statement((e: NewEntry) => sql`
    INSERT INTO status_history (subject, subject_id, status, at_ms, staff_id, reason, note)
    VALUES (${e.subject}, ${e.subjectId}, ${e.status}, ${e.atMs}, ${e.staffId}, ${e.reason}, ${e.note})`);
  const STEP = sql`h.status, h.at_ms AS "atMs", s.username AS "staffUsername", h.reason, h.note
    FROM status_history h LEFT JOIN staff s ON s.id = h.staff_id`;
  const of = database.statement((subject: HistorySubject, subjectId: number) => sql<HistoryEntry>`
    SELECT ${STEP} WHERE h.subject = ${subject} AND h.subject_id = ${subjectId} ORDER BY h.id`);
  // The ids come as one JSON array: a page of any length in one parameter, one compiled statement.
  const ofMany = database.statement((subject: HistorySubject, ids: string) => sql<HistoryEntry & { subjectId: number }>`
    SELECT h.subject_id AS "subjectId", ${STEP} WHERE h.subject = ${subject} AND h.subject_id IN (${idsOf(database.dialect, ids)}) ORDER BY h.id`);

  return {
    record(entry: NewEntry): void {
      insert.run(entry);
    },
    /** Every step, oldest first. */
    of: (subject: HistorySubject, subjectId: number) => of.all(subject, subjectId),
    /**
     * The histories of many things at once (a page of a list), by id: one query per page, not
     * one per row.
     */
    ofMany(subject: HistorySubject, ids: readonly number[]): Map<number, HistoryEntry[]> {
      const byId = new Map<number, HistoryEntry[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return byId;
      const rows = ofMany.all(subject, JSON.stringify(ids));
      for (const { subjectId, ...entry } of rows) byId.get(subjectId)?.push(entry);
      return byId;
    },
  };
}
