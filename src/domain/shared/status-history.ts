/** The history of statuses that staff queues keep: what the patron and staff see of each step. */

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
