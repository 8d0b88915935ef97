/**
 * Paying fines at the counter: a payment of up to what the patron owes, by cash,
 * Octopus or card, applied to the oldest fines first, audited, with a receipt to print. Checking
 * the balance and recording the payment are one IMMEDIATE transaction, so two counters taking the
 * same fine at once cannot both be paid for it.
 */
import type { Database } from '../../db/engine/database.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { FineRepo, Payment, PaymentAllocationLine } from '../../db/circulation/fine-repo.js';
import { allocateOldestFirst } from '../../domain/circulation/payment-allocation.js';
import { isPaymentMethod } from '../../domain/circulation/payment-method.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import type { StaffContext } from '../patrons/counter-service.js';

export type PaymentProblem = 'AMOUNT_INVALID' | 'MORE_THAN_OWED' | 'METHOD_MISSING';

export type PaymentResult =
  | { ok: true; paymentId: number; balance: number }
  /** Every problem at once; `balance` is what the patron owes (nothing was recorded). */
  | { ok: false; problems: PaymentProblem[]; balance: number };

export interface Receipt {
  patron: Patron;
  payment: Payment;
  allocations: PaymentAllocationLine[];
}

export type FinePaymentService = ReturnType<typeof createFinePaymentService>;

export function createFinePaymentService(deps: { db: Database; fines: FineRepo; audit: AuditRepo; clock: Clock }) {
  const { db, fines, audit, clock } = deps;

  return {
    /** `amount` in cents (undefined when what was typed is not an amount); `method` as the form sent it. */
    record(patron: Patron, amount: number | undefined, method: string, by: StaffContext): PaymentResult {
      return db.transaction((): PaymentResult => {
        const balance = fines.balance(patron.id);
        const problems: PaymentProblem[] = [];
        if (amount === undefined || !Number.isInteger(amount) || amount <= 0) problems.push('AMOUNT_INVALID');
        else if (amount > balance) problems.push('MORE_THAN_OWED');
        if (!isPaymentMethod(method)) problems.push('METHOD_MISSING');
        if (problems.length > 0 || amount === undefined || !isPaymentMethod(method)) return { ok: false, problems, balance };

        const now = clock.now();
        const allocations = allocateOldestFirst(fines.outstandingOf(patron.id), amount);
        const paymentId = fines.recordPayment(
          { patronId: patron.id, amount, method, staffId: by.staffId, balanceAfter: balance - amount, allocations },
          now,
        );
        // The detail is the amount in cents: the audit page shows it as money.
        audit.record(
          {
            actor: 'staff',
            staffId: by.staffId,
            patronId: patron.id,
            action: 'fine.paid',
            clientAddress: by.clientAddress,
            detail: String(amount),
          },
          now,
        );
        return { ok: true, paymentId, balance: balance - amount };
      });
    },

    /** The receipt of one of the patron's payments; undefined for a payment that is not his. */
    receipt(patron: Patron, paymentId: number): Receipt | undefined {
      const payment = fines.payment(patron.id, paymentId);
      return payment && { patron, payment, allocations: fines.allocationsOf(payment.id) };
    },
  };
}
