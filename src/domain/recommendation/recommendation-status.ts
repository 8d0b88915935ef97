/**
 * The statuses of a recommendation (docs/rules.md §8): submitted → accepted → ordered → available, or
 * rejected with a reason while still open, or cancelled by the patron while submitted. Staff move
 * it one step forward at a time; "available" and "rejected" end it.
 */
export const STATUSES = ['submitted', 'accepted', 'ordered', 'available', 'rejected', 'cancelled'] as const;
export type RecommendationStatus = (typeof STATUSES)[number];

/** What staff may set. */
export const STAFF_STATUSES = ['accepted', 'ordered', 'available', 'rejected'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export const REJECT_REASONS = ['held', 'out_of_print', 'policy', 'price', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Still in the library's hands: one open recommendation per book. */
export const OPEN_STATUSES: readonly RecommendationStatus[] = ['submitted', 'accepted', 'ordered'];

export function isOpen(status: RecommendationStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function isStaffStatus(value: string): value is StaffStatus {
  return (STAFF_STATUSES as readonly string[]).includes(value);
}

export function isRejectReason(value: string): value is RejectReason {
  return (REJECT_REASONS as readonly string[]).includes(value);
}

/** The one status each step forward comes from. */
const FORWARD_FROM: Record<Exclude<StaffStatus, 'rejected'>, RecommendationStatus> = {
  accepted: 'submitted',
  ordered: 'accepted',
  available: 'ordered',
};

/** Whether staff may move a recommendation from `from` to `to`. */
export function staffMayChange(from: RecommendationStatus, to: StaffStatus): boolean {
  if (to === 'rejected') return isOpen(from);
  return FORWARD_FROM[to] === from;
}

/** A patron may cancel (or withdraw his support) only while nobody has acted on it. */
export function patronMayCancel(status: RecommendationStatus): boolean {
  return status === 'submitted';
}

export type StatusChangeProblem = {
  field: 'status' | 'reason' | 'note' | 'record_isbn';
  code: 'STATUS_REQUIRED' | 'REASON_REQUIRED' | 'NOTE_REQUIRED_FOR_OTHER' | 'RECORD_ISBN_REQUIRED' | 'NOTE_TOO_LONG';
};

/** A status change as staff asked for it, checked before any recommendation is read. */
export interface StatusChange {
  status: StaffStatus;
  reason: RejectReason | null;
  note: string;
  /** The ISBN typed for "available", still to be parsed and looked up. */
  recordIsbn: string;
}

export const STAFF_NOTE_MAX = 1000;

/**
 * The staff form: a status from the list; a rejection needs a reason (and a note when the reason
 * is "other"); "available" needs the ISBN of the catalogue record. Every problem at once.
 */
export function checkStatusChange(fields: {
  status: string;
  reason: string;
  note: string;
  record_isbn: string;
}): { ok: true; change: StatusChange } | { ok: false; problems: StatusChangeProblem[] } {
  const problems: StatusChangeProblem[] = [];
  const note = fields.note.trim();
  const status = isStaffStatus(fields.status) ? fields.status : undefined;
  if (!status) problems.push({ field: 'status', code: 'STATUS_REQUIRED' });
  const reason = status === 'rejected' ? (isRejectReason(fields.reason) ? fields.reason : undefined) : null;
  if (reason === undefined) problems.push({ field: 'reason', code: 'REASON_REQUIRED' });
  if (note.length > STAFF_NOTE_MAX) problems.push({ field: 'note', code: 'NOTE_TOO_LONG' });
  else if (reason === 'other' && note === '') problems.push({ field: 'note', code: 'NOTE_REQUIRED_FOR_OTHER' });
  if (status === 'available' && fields.record_isbn.trim() === '') problems.push({ field: 'record_isbn', code: 'RECORD_ISBN_REQUIRED' });
  if (!status || reason === undefined || problems.length > 0) return { ok: false, problems };
  return { ok: true, change: { status, reason, note, recordIsbn: status === 'available' ? fields.record_isbn.trim() : '' } };
}
