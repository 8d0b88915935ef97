import type { Db } from './connection.js';

/** Why a fine was charged, kept as data so that it is put in words (in any language) when shown. */
export type FineReason = { kind: 'overdue'; title: string; daysLate: number } | { kind: 'note'; text: string };

export interface Fine {
  id: number;
  amount: number;
  reason: FineReason;
  createdAt: number;
}

function parseReason(stored: string): FineReason {
  try {
    const value = JSON.parse(stored) as FineReason;
    if (value && typeof value === 'object' && (value.kind === 'overdue' || value.kind === 'note')) return value;
  } catch {
    // A reason written as plain words (by hand, or by another system) is shown as it is.
  }
  return { kind: 'note', text: stored };
}

export type FineRepo = ReturnType<typeof createFineRepo>;

/** Fines charged and payments made, in cents; the balance is the one minus the other. */
export function createFineRepo(db: Db) {
  const finesOf = db.prepare<[number], Omit<Fine, 'reason'> & { reason: string }>(
    'SELECT id, amount, reason, created_at AS createdAt FROM fines WHERE patron_id = ? ORDER BY created_at',
  );
  const balance = db.prepare<[number, number], number>(
    'SELECT (SELECT COALESCE(SUM(amount), 0) FROM fines WHERE patron_id = ?) - (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE patron_id = ?)',
  ).pluck();
  const paid = db.prepare<[number], number>('SELECT COALESCE(SUM(amount), 0) FROM payments WHERE patron_id = ?').pluck();
  const charge = db.prepare('INSERT INTO fines (patron_id, loan_id, amount, reason, created_at) VALUES (?, ?, ?, ?, ?)');
  const pay = db.prepare('INSERT INTO payments (patron_id, amount, staff_id, created_at) VALUES (?, ?, ?, ?)');
  return {
    finesOf: (patronId: number): Fine[] => finesOf.all(patronId).map((row) => ({ ...row, reason: parseReason(row.reason) })),
    balance: (patronId: number) => balance.get(patronId, patronId) ?? 0,
    paid: (patronId: number) => paid.get(patronId) ?? 0,
    charge(patronId: number, loanId: number | null, amount: number, reason: FineReason, at: number): void {
      charge.run(patronId, loanId, amount, JSON.stringify(reason), at);
    },
    recordPayment(patronId: number, amount: number, staffId: number, at: number): void {
      pay.run(patronId, amount, staffId, at);
    },
  };
}
