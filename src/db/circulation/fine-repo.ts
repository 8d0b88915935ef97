import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { Allocation, OutstandingFine } from '../../domain/circulation/payment-allocation.js';
import type { PaymentMethod } from '../../domain/circulation/payment-method.js';
import type { FineReason } from '../../domain/circulation/fine-reason.js';

export interface Fine {
  id: number;
  amount: number;
  /** What is still owed of it, once payments were applied oldest fine first. */
  left: number;
  reason: FineReason;
  createdAt: number;
}

export interface Payment {
  id: number;
  amount: number;
  /** Null for a payment recorded before the method was asked: shown as "not recorded". */
  method: PaymentMethod | null;
  /** The member of staff who took it (null if that account was removed or it came from elsewhere). */
  staffUsername: string | null;
  createdAt: number;
  /** What the patron still owed right after it. */
  balanceAfter: number | null;
}

/** One fine a payment went to: how much of it, and what was left of it right after. */
export interface PaymentAllocationLine {
  fineId: number;
  reason: FineReason;
  fineCreatedAt: number;
  fineAmount: number;
  paid: number;
  leftAfter: number;
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

/**
 * Fines charged and payments made, in cents; the balance is the one minus the other. Each payment
 * is allocated to fines, oldest first (payment_allocations), so each fine knows what is left of it.
 */
export function createFineRepo(database: Database) {
  const finesOf = database.statement((patronId: number) => sql<Omit<Fine, 'reason'> & { reason: string }>`
    SELECT f.id, f.amount, f.amount - COALESCE((SELECT SUM(a.amount) FROM payment_allocations a WHERE a.fine_id = f.id), 0) AS "left",
      f.reason, f.created_at AS "createdAt"
    FROM fines f WHERE f.patron_id = ${patronId} ORDER BY f.created_at, f.id`);
  const PAYMENT = sql`SELECT p.id, p.amount, p.method, s.username AS "staffUsername", p.created_at AS "createdAt", p.balance_after AS "balanceAfter"
    FROM payments p LEFT JOIN staff s ON s.id = p.staff_id`;
  const paymentsOf = database.statement((patronId: number) => sql<Payment>`${PAYMENT} WHERE p.patron_id = ${patronId} ORDER BY p.created_at, p.id`);
  const paymentOf = database.statement((paymentId: number, patronId: number) => sql<Payment>`${PAYMENT} WHERE p.id = ${paymentId} AND p.patron_id = ${patronId}`);
  // What was left of each fine right after this payment: its amount less every allocation to it up to this one.
  const allocationsOf = database.statement((paymentId: number) => sql<Omit<PaymentAllocationLine, 'reason'> & { reason: string }>`
    SELECT f.id AS "fineId", f.reason, f.created_at AS "fineCreatedAt", f.amount AS "fineAmount", a.amount AS paid,
      f.amount - (SELECT SUM(b.amount) FROM payment_allocations b WHERE b.fine_id = f.id AND b.payment_id <= a.payment_id) AS "leftAfter"
    FROM payment_allocations a JOIN fines f ON f.id = a.fine_id
    WHERE a.payment_id = ${paymentId} ORDER BY f.created_at, f.id`);
  const allocate = database.statement((paymentId: number, fineId: number, amount: number) => sql`
    INSERT INTO payment_allocations (payment_id, fine_id, amount) VALUES (${paymentId}, ${fineId}, ${amount})`);
  const balance = database.statement((patronId: number) => sql<{ balance: number }>`
    SELECT (SELECT COALESCE(SUM(amount), 0) FROM fines WHERE patron_id = ${patronId}) - (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE patron_id = ${patronId}) AS balance`).pluck();
  const charge = database.statement((patronId: number, loanId: number | null, amount: number, reason: string, at: number) => sql`
    INSERT INTO fines (patron_id, loan_id, amount, reason, created_at) VALUES (${patronId}, ${loanId}, ${amount}, ${reason}, ${at})`);
  const pay = database.statement((patronId: number, amount: number, method: PaymentMethod, staffId: number, at: number, balanceAfter: number) => sql<{ id: number }>`
    INSERT INTO payments (patron_id, amount, method, staff_id, created_at, balance_after) VALUES (${patronId}, ${amount}, ${method}, ${staffId}, ${at}, ${balanceAfter})
    RETURNING id`).pluck();
  return {
    /** Every fine of the patron, oldest first, each with what is left of it. */
    finesOf: (patronId: number): Fine[] => finesOf.all(patronId).map((row) => ({ ...row, reason: parseReason(row.reason) })),
    /** The fines not yet paid off, oldest first: where the next payment goes. */
    outstandingOf: (patronId: number): OutstandingFine[] =>
      finesOf.all(patronId).flatMap((row) => (row.left > 0 ? [{ fineId: row.id, left: row.left }] : [])),
    /** Every payment of the patron, oldest first. */
    paymentsOf: (patronId: number): Payment[] => paymentsOf.all(patronId),
    /** One payment, only if it is this patron's. */
    payment: (patronId: number, paymentId: number): Payment | undefined => paymentOf.get(paymentId, patronId),
    /** The fines a payment went to, oldest first. */
    allocationsOf: (paymentId: number): PaymentAllocationLine[] => allocationsOf.all(paymentId).map((row) => ({ ...row, reason: parseReason(row.reason) })),
    balance: (patronId: number) => balance.get(patronId) ?? 0,
    charge(patronId: number, loanId: number | null, amount: number, reason: FineReason, at: number): void {
      charge.run(patronId, loanId, amount, JSON.stringify(reason), at);
    },
    /** Records a payment and the fines it goes to; call inside the transaction that read the balance. */
    recordPayment(payment: { patronId: number; amount: number; method: PaymentMethod; staffId: number; balanceAfter: number; allocations: Allocation[] }, at: number): number {
      const id = pay.get(payment.patronId, payment.amount, payment.method, payment.staffId, at, payment.balanceAfter)!;
      for (const allocation of payment.allocations) allocate.run(id, allocation.fineId, allocation.amount);
      return id;
    },
  };
}
