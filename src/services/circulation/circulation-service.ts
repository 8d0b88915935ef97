/**
 * What a patron does with his loans and requests: his circulation record and renewals here,
 * requests and cancelling them in patron-requests.ts. Each change is one IMMEDIATE transaction,
 * so racing submits end in one consistent state.
 */
import type { Database } from '../../db/engine/database.js';
import type { CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { FineRepo } from '../../db/circulation/fine-repo.js';
import type { LoanRepo, LoanView } from '../../db/circulation/loan-repo.js';
import type { LoanRuleRepo } from '../../db/circulation/loan-rule-repo.js';
import type { RequestRepo } from '../../db/circulation/request-repo.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import { decideRenewal, type RenewalDecision, type RenewalRefusal } from '../../domain/circulation/renewal-policy.js';
import type { Clock } from '../../lib/clock.js';
import type { HoldShelf } from './hold-shelf.js';
import { createPatronRequests } from './patron-requests.js';

// What requests answer, as the recommendations and the pages have long imported it from here.
export type { CancelRequestResult, PlaceRequestResult } from './patron-requests.js';

export interface LoanLine extends LoanView {
  overdue: boolean;
  renewalsAllowed: number;
}

/** A loan on the renewal form, with what renewing it now would do: its new due date, or why not. */
export interface RenewableLoan extends LoanLine {
  decision: RenewalDecision;
}

/** A renewal's outcome for one item, to be put in words. */
export type RenewalOutcome =
  | { loanId: number; title: string; result: 'renewed'; newDueDate: string }
  | { loanId: number; title: string; result: 'refused'; refusal: RenewalRefusal }
  /** The due date had already moved (a second click, another tab): nothing was done twice. */
  | { loanId: number; title: string; result: 'already-renewed'; dueDate: string }
  | { loanId: number; title: string | null; result: 'not-found' };

export type CirculationService = ReturnType<typeof createCirculationService>;

export function createCirculationService(deps: {
  db: Database;
  catalogue: CatalogueRepo;
  loans: LoanRepo;
  requests: RequestRepo;
  fines: FineRepo;
  rules: LoanRuleRepo;
  holdShelf: HoldShelf;
  clock: Clock;
}) {
  const { db, catalogue, loans, requests, fines, rules, holdShelf, clock } = deps;
  const today = () => libraryDateOf(clock.now());

  function loanLines(patron: Patron): LoanLine[] {
    const rule = rules.ruleFor(patron.patronType);
    const day = today();
    return loans.openOfPatron(patron.id).map((loan) => ({ ...loan, overdue: loan.dueDate < day, renewalsAllowed: rule.renewalsAllowed }));
  }

  /** The one place renewal is decided, for the form (before) and for the renewal itself (in its transaction). */
  function decide(patron: Patron, loan: LoanView, balance: number): RenewalDecision {
    return decideRenewal({
      today: today(),
      dueDate: loan.dueDate,
      renewalsUsed: loan.renewals,
      rule: rules.ruleFor(patron.patronType),
      patronExpiry: patron.expiryDate,
      balance,
      requestedByOthers: requests.requestedByOthers(loan.recordId, patron.id),
    });
  }

  /** Each loan with what a renewal now would do, so the form marks what cannot be renewed. */
  function renewableLoans(patron: Patron): RenewableLoan[] {
    const balance = fines.balance(patron.id);
    return loanLines(patron).map((line) => ({ ...line, decision: decide(patron, line, balance) }));
  }

  return {
    ...createPatronRequests({ db, catalogue, loans, requests, fines, rules, holdShelf, clock }),

    today,

    /** Everything on the patron's circulation record. */
    record(patron: Patron) {
      return {
        loans: loanLines(patron),
        requests: requests.openOfPatron(patron.id),
        fines: fines.finesOf(patron.id),
        payments: fines.paymentsOf(patron.id),
        balance: fines.balance(patron.id),
        rule: rules.ruleFor(patron.patronType),
      };
    },

    /** The one-line summaries on the myRecord home. */
    summary(patron: Patron) {
      const lines = renewableLoans(patron);
      const open = requests.openOfPatron(patron.id);
      return {
        onLoan: lines.length,
        overdue: lines.filter((l) => l.overdue).length,
        renewable: lines.filter((l) => l.decision.ok).length,
        requests: open.length,
        ready: open.filter((r) => r.status === 'ready').length,
        balance: fines.balance(patron.id),
      };
    },

    loanLines,
    renewableLoans,

    /** The loan rules of the patron's type. */
    ruleOf: (patron: Patron) => rules.ruleFor(patron.patronType),

    /**
     * Renews the loans chosen, each as it was seen on the page (its due date then). A loan whose
     * due date has moved since was renewed already: it is reported, not renewed again.
     */
    renew(patron: Patron, chosen: Array<{ loanId: number; seenDueDate: string }>): RenewalOutcome[] {
      return db.transaction(() => {
        const balance = fines.balance(patron.id);
        const mine = new Map(loans.openOfPatron(patron.id).map((loan) => [loan.id, loan]));
        return chosen.map(({ loanId, seenDueDate }): RenewalOutcome => {
          const loan = mine.get(loanId);
          if (!loan) return { loanId, title: null, result: 'not-found' };
          if (loan.dueDate !== seenDueDate) return { loanId, title: loan.title, result: 'already-renewed', dueDate: loan.dueDate };
          const decision = decide(patron, loan, balance);
          if (!decision.ok) return { loanId, title: loan.title, result: 'refused', refusal: decision.refusal };
          loans.renew(loan.id, loan.dueDate, decision.newDueDate);
          // The same loan named twice in one submit is then "already renewed", not renewed again.
          mine.set(loan.id, { ...loan, dueDate: decision.newDueDate, renewals: loan.renewals + 1 });
          return { loanId, title: loan.title, result: 'renewed', newDueDate: decision.newDueDate };
        });
      });
    },
  };
}
