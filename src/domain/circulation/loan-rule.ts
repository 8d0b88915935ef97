import type { PatronType } from '../patrons/patron.js';

/** A patron type's loan rules, kept in the database (table loan_rules). Money in cents. */
export interface LoanRule {
  patronType: PatronType;
  loanDays: number;
  renewalsAllowed: number;
  requestsAllowed: number;
  finePerDay: number;
  fineCapPerItem: number;
  /** Above this unpaid total, renewals and requests stop. */
  fineCeiling: number;
}
