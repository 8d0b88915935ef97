import type { Db } from './connection.js';

/** What a history belongs to: one of the services that staff work through in a queue. */
export type HistorySubject = 'recommendation' | 'ill' | 'deposit' | 'booking';

/** One step of a thing's history, as the patron and staff see it. */
export interface HistoryEntry {
  status: string;
  atMs: number;
  /** Who made the change: a member of staff's username, or null for the patron himself. */
  staffUsername: string | null;
  /** A reason code of the service's own list, or null. */
  reason: string | null;
  /** Free text as typed by staff, or null. */
  note: string | null;
}

export type StatusHistoryRepo = ReturnType<typeof createStatusHistoryRepo>;

/**
 * The history of statuses shared by every service with a staff queue (services.md: "the patron
 * sees the whole history of each thing: every status with its date and, where staff gave one,
 * the reason"). Each service records a step in the same transaction as the change itself.
 */
export function createStatusHistoryRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO status_history (subject, subject_id, status, at_ms, staff_id, reason, note) VALUES (@subject, @subjectId, @status, @atMs, @staffId, @reason, @note)',
  );
  const of = db.prepare<[HistorySubject, number], HistoryEntry>(
    `SELECT h.status, h.at_ms AS atMs, s.username AS staffUsername, h.reason, h.note
     FROM status_history h LEFT JOIN staff s ON s.id = h.staff_id
     WHERE h.subject = ? AND h.subject_id = ? ORDER BY h.id`,
  );

  return {
    record(entry: { subject: HistorySubject; subjectId: number; status: string; atMs: number; staffId?: number | null; reason?: string | null; note?: string | null }): void {
      insert.run({ staffId: null, reason: null, note: null, ...entry });
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
      const rows = db
        .prepare<unknown[], HistoryEntry & { subjectId: number }>(
          `SELECT h.subject_id AS subjectId, h.status, h.at_ms AS atMs, s.username AS staffUsername, h.reason, h.note
           FROM status_history h LEFT JOIN staff s ON s.id = h.staff_id
           WHERE h.subject = ? AND h.subject_id IN (${ids.map(() => '?').join(', ')}) ORDER BY h.id`,
        )
        .all(subject, ...ids);
      for (const { subjectId, ...entry } of rows) byId.get(subjectId)?.push(entry);
      return byId;
    },
  };
}
