/**
 * Whether a loan may be renewed, and until when. A new due date is today plus
 * the loan period, never past the patron's expiry date; a renewal that would not move the
 * due date later is refused, saying why: the record expires first (NO_LATER_DATE), or the item
 * is already due on the latest date a renewal today could give (ALREADY_LATEST: typically one
 * renewed earlier the same day).
 */
import { addDays, earlier, type LibraryDate } from '../shared/library-date.js';
import type { LoanRule } from './loan-rule.js';

export interface RenewalFacts {
  today: LibraryDate;
  dueDate: LibraryDate;
  renewalsUsed: number;
  rule: LoanRule;
  patronExpiry: LibraryDate | null;
  /** Unpaid fines in cents. */
  balance: number;
  /** Another patron is waiting for this title. */
  requestedByOthers: boolean;
}

export type RenewalRefusal =
  | { code: 'RECORD_EXPIRED'; expiry: LibraryDate }
  | { code: 'FINES_OVER_CEILING'; balance: number; ceiling: number }
  | { code: 'REQUESTED' }
  | { code: 'LIMIT_REACHED'; used: number; allowed: number }
  | { code: 'NO_LATER_DATE'; expiry: LibraryDate }
  | { code: 'ALREADY_LATEST'; dueDate: LibraryDate };

export type RenewalDecision = { ok: true; newDueDate: LibraryDate } | { ok: false; refusal: RenewalRefusal };

export function decideRenewal(facts: RenewalFacts): RenewalDecision {
  const { today, rule, patronExpiry } = facts;
  if (patronExpiry !== null && patronExpiry < today) return { ok: false, refusal: { code: 'RECORD_EXPIRED', expiry: patronExpiry } };
  if (facts.balance > rule.fineCeiling)
    return { ok: false, refusal: { code: 'FINES_OVER_CEILING', balance: facts.balance, ceiling: rule.fineCeiling } };
  if (facts.requestedByOthers) return { ok: false, refusal: { code: 'REQUESTED' } };
  if (facts.renewalsUsed >= rule.renewalsAllowed) {
    return { ok: false, refusal: { code: 'LIMIT_REACHED', used: facts.renewalsUsed, allowed: rule.renewalsAllowed } };
  }
  const full = addDays(today, rule.loanDays);
  const newDueDate = patronExpiry === null ? full : earlier(full, patronExpiry);
  if (newDueDate > facts.dueDate) return { ok: true, newDueDate };
  // The expiry is the reason only when it is what holds the date back; otherwise the loan period is.
  if (patronExpiry !== null && patronExpiry < full) return { ok: false, refusal: { code: 'NO_LATER_DATE', expiry: patronExpiry } };
  return { ok: false, refusal: { code: 'ALREADY_LATEST', dueDate: facts.dueDate } };
}
