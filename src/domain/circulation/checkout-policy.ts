/**
 * What stops a patron from borrowing at the counter, whatever the item: a library record that has
 * expired, or unpaid fines above the patron type's ceiling (at the ceiling still borrows). Every
 * block is returned, not just the first, so the counter can show them all before a scan; a
 * check-out is refused by the first of them.
 */
import type { LibraryDate } from '../shared/library-date.js';
import type { LoanRule } from './loan-rule.js';

export interface CheckoutFacts {
  today: LibraryDate;
  rule: LoanRule;
  patronExpiry: LibraryDate | null;
  /** Unpaid fines in cents. */
  balance: number;
}

export type CheckoutBlock =
  { code: 'RECORD_EXPIRED'; expiry: LibraryDate } | { code: 'FINES_OVER_CEILING'; balance: number; ceiling: number };

export function checkoutBlocks(facts: CheckoutFacts): CheckoutBlock[] {
  const blocks: CheckoutBlock[] = [];
  if (facts.patronExpiry !== null && facts.patronExpiry < facts.today) blocks.push({ code: 'RECORD_EXPIRED', expiry: facts.patronExpiry });
  if (facts.balance > facts.rule.fineCeiling)
    blocks.push({ code: 'FINES_OVER_CEILING', balance: facts.balance, ceiling: facts.rule.fineCeiling });
  return blocks;
}
