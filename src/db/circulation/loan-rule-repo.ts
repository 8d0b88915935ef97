import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { LoanRule } from '../../domain/circulation/loan-rule.js';
import type { PatronType } from '../../domain/patrons/patron.js';

export type LoanRuleRepo = ReturnType<typeof createLoanRuleRepo>;

export function createLoanRuleRepo(db: Database) {
  const byType = db.statement((type: PatronType) => sql<LoanRule>`
    SELECT patron_type AS "patronType", loan_days AS "loanDays", renewals_allowed AS "renewalsAllowed", requests_allowed AS "requestsAllowed",
      fine_per_day AS "finePerDay", fine_cap_per_item AS "fineCapPerItem", fine_ceiling AS "fineCeiling"
    FROM loan_rules WHERE patron_type = ${type}`);
  return {
    ruleFor(type: PatronType): LoanRule {
      const rule = byType.get(type);
      if (!rule) throw new Error(`no loan rules for patron type ${type}`);
      return rule;
    },
  };
}
