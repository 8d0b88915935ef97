/**
 * Circulation: loans, renewals, Book Requests and the hold shelf, fines and their payment at the
 * counter, and the due-date reminders and overdue notices mailed by housekeeping.
 */
import { createLoanRepo } from '../db/circulation/loan-repo.js';
import { createRequestRepo } from '../db/circulation/request-repo.js';
import { createFineRepo } from '../db/circulation/fine-repo.js';
import { createLoanRuleRepo } from '../db/circulation/loan-rule-repo.js';
import { createLoanNoticeRepo } from '../db/circulation/loan-notice-repo.js';
import { createHoldShelf } from '../services/circulation/hold-shelf.js';
import { createCirculationService } from '../services/circulation/circulation-service.js';
import { createCounterCirculationService } from '../services/circulation/counter-circulation-service.js';
import { createFinePaymentService } from '../services/circulation/fine-payment-service.js';
import { createLoanNotices } from '../services/circulation/loan-notices.js';
import type { CounterService } from '../services/patrons/counter-service.js';
import { circulationRoutes } from '../web/circulation/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

export function circulationModule(k: Kernel) {
  const { config, db, clock, patrons, catalogue, audit } = k;
  const loans = createLoanRepo(db);
  const requests = createRequestRepo(db);
  const fines = createFineRepo(db);
  const rules = createLoanRuleRepo(db);
  const holdShelf = createHoldShelf({ catalogue, requests, patrons, notices: k.notices, clock });
  const circulation = createCirculationService({ db, catalogue, loans, requests, fines, rules, holdShelf, clock });
  const counterCirculation = createCounterCirculationService({
    db,
    patrons,
    catalogue,
    loans,
    requests,
    fines,
    rules,
    audit,
    holdShelf,
    clock,
  });
  const payments = createFinePaymentService({ db, fines, audit, clock });
  const loanNotices = createLoanNotices({
    db,
    loanNotices: createLoanNoticeRepo(db),
    patrons,
    rules,
    mailer: k.mailer,
    clock,
    logger: k.logger,
    publicUrl: config.publicUrl,
    reminderDays: config.dueReminderDays,
  });

  /** The counter's pages also show the patron's record (the patrons area), so the routes are built once that exists. */
  const area = (counter: CounterService): Area => ({
    routes: (web) => circulationRoutes({ circulation, counterCirculation, payments, counter }, web),
    housekeeping: [
      { what: 'lapsing uncollected holds', run: () => circulation.expireUncollectedHolds() },
      { what: 'mailing due-date reminders and overdue notices', run: () => loanNotices.sendDue() },
    ],
  });
  return { area, services: { circulation, counterCirculation, loanNotices }, repos: { loans, requests, fines } };
}
