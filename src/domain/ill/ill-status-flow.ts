/**
 * The statuses of a request and who moves it (docs/rules.md §8):
 *   submitted → sent (staff record the lending library) → received (a book: waiting at the
 *   counter, with the lender's due date) → on_loan → returned;
 *   an article copy: sent → delivered, by the upload of its PDF (not by this form);
 *   unfilled, with a reason, from submitted or sent; cancelled by the patron while submitted.
 */
import { isCalendarDate, type LibraryDate } from '../shared/library-date.js';
import type { IllKind, IllStatus } from './ill-request.js';

/** What staff choose on the queue's status form (`status`). */
export const STAFF_STATUSES = ['sent', 'received', 'on_loan', 'returned', 'unfilled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export function isStaffStatus(value: unknown): value is StaffStatus {
  return typeof value === 'string' && (STAFF_STATUSES as readonly string[]).includes(value);
}

const BOOK_NEXT: Partial<Record<IllStatus, readonly StaffStatus[]>> = {
  submitted: ['sent', 'unfilled'],
  sent: ['received', 'unfilled'],
  received: ['on_loan'],
  on_loan: ['returned'],
};
const ARTICLE_NEXT: Partial<Record<IllStatus, readonly StaffStatus[]>> = {
  submitted: ['sent', 'unfilled'],
  sent: ['unfilled'],
};

/** The statuses staff may move a request to from where it is (the upload aside). */
export function nextStaffStatuses(kind: IllKind, status: IllStatus): readonly StaffStatus[] {
  return (kind === 'book' ? BOOK_NEXT : ARTICLE_NEXT)[status] ?? [];
}

/** Staff may upload the copy of an article request once it has been sent to a lender. */
export function mayDeliverCopy(kind: IllKind, status: IllStatus): boolean {
  return kind === 'article' && status === 'sent';
}

export function mayCancel(status: IllStatus): boolean {
  return status === 'submitted';
}

export const LENDER_MAX_LENGTH = 200;
export const REASON_MAX_LENGTH = 500;

export type StatusFormField = 'status' | 'lender' | 'due_date' | 'reason';
export type StatusProblemCode =
  | 'STATUS_NOT_NEXT'
  | 'LENDER_REQUIRED'
  | 'LENDER_TOO_LONG'
  | 'DUE_DATE_REQUIRED'
  | 'DUE_DATE_MALFORMED'
  | 'DUE_DATE_PAST'
  | 'REASON_REQUIRED'
  | 'REASON_TOO_LONG';
export interface StatusProblem {
  field: StatusFormField;
  code: StatusProblemCode;
}

/** A change staff asked for, checked: what is kept with it. */
export interface StatusChange {
  status: StaffStatus;
  lender: string | null;
  dueDate: LibraryDate | null;
  reason: string | null;
}

/**
 * Checks a change staff asked for against where the request is now, with every problem: a lender
 * to send to, the lender's due date when a book is received (today or later), a reason when unfilled.
 */
export function checkStatusChange(
  request: { kind: IllKind; status: IllStatus },
  wanted: { status: StaffStatus; lender: string; dueDate: string; reason: string },
  today: LibraryDate,
): { ok: true; change: StatusChange } | { ok: false; problems: StatusProblem[] } {
  if (!nextStaffStatuses(request.kind, request.status).includes(wanted.status))
    return { ok: false, problems: [{ field: 'status', code: 'STATUS_NOT_NEXT' }] };
  const problems: StatusProblem[] = [];
  const change: StatusChange = { status: wanted.status, lender: null, dueDate: null, reason: null };
  if (wanted.status === 'sent') {
    const lender = wanted.lender.trim();
    if (lender === '') problems.push({ field: 'lender', code: 'LENDER_REQUIRED' });
    else if (lender.length > LENDER_MAX_LENGTH) problems.push({ field: 'lender', code: 'LENDER_TOO_LONG' });
    change.lender = lender;
  }
  if (wanted.status === 'received' && request.kind === 'book') {
    const due = wanted.dueDate.trim();
    if (due === '') problems.push({ field: 'due_date', code: 'DUE_DATE_REQUIRED' });
    else if (!isCalendarDate(due)) problems.push({ field: 'due_date', code: 'DUE_DATE_MALFORMED' });
    else if (due < today) problems.push({ field: 'due_date', code: 'DUE_DATE_PAST' });
    change.dueDate = due;
  }
  if (wanted.status === 'unfilled') {
    const reason = wanted.reason.trim();
    if (reason === '') problems.push({ field: 'reason', code: 'REASON_REQUIRED' });
    else if (reason.length > REASON_MAX_LENGTH) problems.push({ field: 'reason', code: 'REASON_TOO_LONG' });
    change.reason = reason;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, change };
}
