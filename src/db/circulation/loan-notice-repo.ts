import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { LibraryDate } from '../../domain/shared/library-date.js';

/** A due-date reminder (before the due date) or an overdue notice (after it). */
export type LoanNoticeKind = 'reminder' | 'overdue';

/** An open loan, due in a range of days, whose patron has an e-mail address and has not had this notice for this due date. */
export interface NoticeCandidate {
  loanId: number;
  patronId: number;
  dueDate: LibraryDate;
  loanedAt: number;
  title: string;
}

export type LoanNoticeRepo = ReturnType<typeof createLoanNoticeRepo>;

/** The table loan_notices: which notice went out for which loan and due date (migration 009). */
export function createLoanNoticeRepo(database: Database) {
  const candidates = database.statement((p: { kind: LoanNoticeKind; from: LibraryDate; to: LibraryDate }) => sql<NoticeCandidate>`
    SELECT l.id AS "loanId", l.patron_id AS "patronId", l.due_date AS "dueDate", l.loaned_at AS "loanedAt", r.title
    FROM loans l JOIN patrons p ON p.id = l.patron_id JOIN copies c ON c.id = l.copy_id JOIN records r ON r.id = c.record_id
    WHERE l.returned_at IS NULL AND l.due_date BETWEEN ${p.from} AND ${p.to} AND p.email IS NOT NULL AND p.email <> ''
      AND NOT EXISTS (SELECT 1 FROM loan_notices n WHERE n.loan_id = l.id AND n.kind = ${p.kind} AND n.due_date = l.due_date)
    ORDER BY l.patron_id, l.due_date, r.title, l.id`);
  const claim = database.statement((loanId: number, kind: LoanNoticeKind, dueDate: LibraryDate, at: number) => sql`
    INSERT INTO loan_notices (loan_id, kind, due_date, sent_at) VALUES (${loanId}, ${kind}, ${dueDate}, ${at}) ON CONFLICT DO NOTHING`);
  const release = database.statement((loanId: number, kind: LoanNoticeKind, dueDate: LibraryDate) => sql`
    DELETE FROM loan_notices WHERE loan_id = ${loanId} AND kind = ${kind} AND due_date = ${dueDate}`);

  return {
    /** Loans due from `from` to `to` (inclusive) that have not had this kind of notice for their due date. */
    unsent: (kind: LoanNoticeKind, from: LibraryDate, to: LibraryDate) => candidates.all({ kind, from, to }),
    /**
     * Records the notice as sent, before it is sent. False if it was recorded already (by another
     * process, say): the primary key lets one writer alone win, so that one alone sends it.
     */
    claim(loanId: number, kind: LoanNoticeKind, dueDate: LibraryDate, at: number): boolean {
      return claim.run(loanId, kind, dueDate, at).changes === 1;
    },
    /** Forgets a claim whose mail could not be handed over, so that a later run tries again. */
    release(loanId: number, kind: LoanNoticeKind, dueDate: LibraryDate): void {
      release.run(loanId, kind, dueDate);
    },
  };
}
