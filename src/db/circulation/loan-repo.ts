import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import { idsOf } from '../engine/sql-dialect.js';

export interface Loan {
  id: number;
  copyId: number;
  patronId: number;
  dueDate: string;
  renewals: number;
  loanedAt: number;
}

/** A loan as the patron sees it. */
export interface LoanView extends Loan {
  recordId: number;
  title: string;
  author: string;
  callNumber: string;
  itemBarcode: string;
}

export type LoanRepo = ReturnType<typeof createLoanRepo>;

export function createLoanRepo(database: Database) {
  const VIEW = sql`SELECT l.id, l.copy_id AS "copyId", l.patron_id AS "patronId", l.due_date AS "dueDate", l.renewals, l.loaned_at AS "loanedAt",
       r.id AS "recordId", r.title, r.author, c.call_number AS "callNumber", c.item_barcode AS "itemBarcode"
     FROM loans l JOIN copies c ON c.id = l.copy_id JOIN records r ON r.id = c.record_id`;
  const openOfPatron = database.statement((patronId: number) =>
    sql<LoanView>`${VIEW} WHERE l.patron_id = ${patronId} AND l.returned_at IS NULL ORDER BY l.due_date, r.title`);
  // The ids come as one JSON array: a list of any length in one parameter.
  const openOfPatronAmong = database.statement((patronId: number, ids: string) => sql<LoanView>`
    ${VIEW} WHERE l.patron_id = ${patronId} AND l.returned_at IS NULL AND l.id IN (${idsOf(database.dialect, ids)}) ORDER BY l.loaned_at, l.id`);
  const openOfCopy = database.statement((copyId: number) => sql<Loan>`
    SELECT id, copy_id AS "copyId", patron_id AS "patronId", due_date AS "dueDate", renewals, loaned_at AS "loanedAt"
    FROM loans WHERE copy_id = ${copyId} AND returned_at IS NULL`);
  const insert = database.statement((copyId: number, patronId: number, at: number, dueDate: string, renewals: number) => sql<{ id: number }>`
    INSERT INTO loans (copy_id, patron_id, loaned_at, due_date, renewals) VALUES (${copyId}, ${patronId}, ${at}, ${dueDate}, ${renewals}) RETURNING id`).pluck();
  const renew = database.statement((newDue: string, id: number, seenDue: string) => sql`
    UPDATE loans SET due_date = ${newDue}, renewals = renewals + 1 WHERE id = ${id} AND due_date = ${seenDue} AND returned_at IS NULL`);
  const close = database.statement((at: number, id: number) => sql`UPDATE loans SET returned_at = ${at} WHERE id = ${id} AND returned_at IS NULL`);
  const holdsTitle = database.statement((patronId: number, recordId: number) => sql<{ n: number }>`
    SELECT COUNT(*) AS n FROM loans l JOIN copies c ON c.id = l.copy_id WHERE l.patron_id = ${patronId} AND c.record_id = ${recordId} AND l.returned_at IS NULL`).pluck();

  return {
    openOfPatron: (patronId: number) => openOfPatron.all(patronId),
    /** Those of the given loans that are the patron's and still open, oldest first. */
    openOfPatronAmong: (patronId: number, loanIds: readonly number[]) => openOfPatronAmong.all(patronId, JSON.stringify(loanIds)),
    openOfCopy: (copyId: number) => openOfCopy.get(copyId),
    /** Throws a unique violation (errors.ts) if the copy is already on loan. */
    insert(copyId: number, patronId: number, at: number, dueDate: string, renewals = 0): number {
      return insert.get(copyId, patronId, at, dueDate, renewals)!;
    },
    /** Moves the due date only if it is still the one seen: a second, identical submit changes nothing. */
    renew(loanId: number, seenDueDate: string, newDueDate: string): boolean {
      return renew.run(newDueDate, loanId, seenDueDate).changes === 1;
    },
    close(loanId: number, at: number): boolean {
      return close.run(at, loanId).changes === 1;
    },
    holdsTitle: (patronId: number, recordId: number) => (holdsTitle.get(patronId, recordId) ?? 0) > 0,
  };
}
