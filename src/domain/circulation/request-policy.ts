/**
 * Whether a patron may request a title: only when no copy is on the shelf, one
 * open request per title, none for a title he has on loan, at most his type's number of
 * requests, and not while his record has expired or his fines are above the ceiling.
 */
import type { LibraryDate } from '../shared/library-date.js';
import type { LoanRule } from './loan-rule.js';

export interface RequestFacts {
  today: LibraryDate;
  rule: LoanRule;
  patronExpiry: LibraryDate | null;
  balance: number;
  copiesOnShelf: number;
  holdsTitleOnLoan: boolean;
  alreadyRequested: boolean;
  openRequests: number;
}

export type RequestRefusal =
  | { code: 'RECORD_EXPIRED'; expiry: LibraryDate }
  | { code: 'FINES_OVER_CEILING'; balance: number; ceiling: number }
  | { code: 'ON_SHELF' }
  | { code: 'ON_LOAN_TO_YOU' }
  | { code: 'ALREADY_REQUESTED' }
  | { code: 'REQUEST_LIMIT'; allowed: number };

/** Why placing a request failed: a rule above, or a record or pickup location that is not there. */
export type PlaceRequestRefusal = RequestRefusal | { code: 'NO_SUCH_RECORD' } | { code: 'NO_SUCH_PICKUP' };

export function requestRefusal(facts: RequestFacts): RequestRefusal | undefined {
  if (facts.patronExpiry !== null && facts.patronExpiry < facts.today) return { code: 'RECORD_EXPIRED', expiry: facts.patronExpiry };
  if (facts.balance > facts.rule.fineCeiling)
    return { code: 'FINES_OVER_CEILING', balance: facts.balance, ceiling: facts.rule.fineCeiling };
  if (facts.alreadyRequested) return { code: 'ALREADY_REQUESTED' };
  if (facts.holdsTitleOnLoan) return { code: 'ON_LOAN_TO_YOU' };
  if (facts.copiesOnShelf > 0) return { code: 'ON_SHELF' };
  if (facts.openRequests >= facts.rule.requestsAllowed) return { code: 'REQUEST_LIMIT', allowed: facts.rule.requestsAllowed };
  return undefined;
}
