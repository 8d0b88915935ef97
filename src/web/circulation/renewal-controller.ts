import type { Request, Response } from 'express';
import type { Localizer, MessageKey } from '../../messages/index.js';
import type { RenewalDecision, RenewalRefusal } from '../../domain/circulation/renewal-policy.js';
import type { CirculationService, RenewalOutcome } from '../../services/circulation/circulation-service.js';
import { formFailureMessage, readFields, readList } from '../http/form-fields.js';

/** Why a renewal was refused, after the patron asked. */
const REFUSAL_MESSAGE: Record<RenewalRefusal['code'], MessageKey> = {
  RECORD_EXPIRED: 'renew.refused.RECORD_EXPIRED',
  FINES_OVER_CEILING: 'renew.refused.FINES_OVER_CEILING',
  REQUESTED: 'renew.refused.REQUESTED',
  LIMIT_REACHED: 'renew.refused.LIMIT_REACHED',
  NO_LATER_DATE: 'renew.refused.NO_LATER_DATE',
  ALREADY_LATEST: 'renew.refused.ALREADY_LATEST',
};

/** Why an item cannot be renewed, said on the form before the patron asks. */
const CANNOT_MESSAGE: Record<RenewalRefusal['code'], MessageKey> = {
  RECORD_EXPIRED: 'renew.cannot.RECORD_EXPIRED',
  FINES_OVER_CEILING: 'renew.cannot.FINES_OVER_CEILING',
  REQUESTED: 'renew.cannot.REQUESTED',
  LIMIT_REACHED: 'renew.cannot.LIMIT_REACHED',
  NO_LATER_DATE: 'renew.cannot.NO_LATER_DATE',
  ALREADY_LATEST: 'renew.cannot.ALREADY_LATEST',
};

/** A choice ("1234:2026-12-19") is far shorter: a longer one is refused before it is parsed. */
const CHOICE_MAX_LENGTH = 32;

/** Each item on the form is "loan id:due date as shown", so a repeated submit renews nothing twice. */
function parseChoice(value: string): { loanId: number; seenDueDate: string } | undefined {
  const match = /^(\d{1,12}):(\d{4}-\d{2}-\d{2})$/.exec(value);
  return match ? { loanId: Number(match[1]), seenDueDate: match[2]! } : undefined;
}

type Words = Pick<Localizer, 't' | 'formatDate' | 'formatMoney'>;

/** A refusal's facts, written out for its message: dates, money, counts. */
function refusalParams(r: RenewalRefusal, { formatDate, formatMoney }: Words): Record<string, string | number> {
  switch (r.code) {
    case 'RECORD_EXPIRED':
    case 'NO_LATER_DATE':
      return { expiry: formatDate(r.expiry) };
    case 'FINES_OVER_CEILING':
      return { balance: formatMoney(r.balance), ceiling: formatMoney(r.ceiling) };
    case 'LIMIT_REACHED':
      return { used: r.used, allowed: r.allowed };
    case 'ALREADY_LATEST':
      return { due: formatDate(r.dueDate) };
    case 'REQUESTED':
      return {};
  }
}

export function describeOutcome(outcome: RenewalOutcome, l: Words): string {
  const { t, formatDate } = l;
  switch (outcome.result) {
    case 'renewed':
      return t('renew.renewed', { due: formatDate(outcome.newDueDate) });
    case 'already-renewed':
      return t('renew.already', { due: formatDate(outcome.dueDate) });
    case 'not-found':
      return t('renew.notFound');
    case 'refused':
      return t(REFUSAL_MESSAGE[outcome.refusal.code], refusalParams(outcome.refusal, l));
  }
}

/** What renewing an item now would do, in the form's last column. */
function describeDecision(decision: RenewalDecision, l: Words): string {
  return decision.ok
    ? l.t('renew.willRenew', { due: l.formatDate(decision.newDueDate) })
    : l.t(CANNOT_MESSAGE[decision.refusal.code], refusalParams(decision.refusal, l));
}

/**
 * Book Renewal: one, several or all, with a result per item in words. The form marks each item
 * that cannot be renewed now, with the reason, and offers no box to tick for it. A renewal ends
 * in a 303 back to the form, which shows the results once: a reload sends nothing again.
 */
export function createRenewalController(deps: { circulation: CirculationService }) {
  function render(req: Request, res: Response, status: number, alert?: string) {
    const patron = res.locals.patron!;
    const outcomes = req.session.renewalOutcomes;
    delete req.session.renewalOutcomes;
    const loans = deps.circulation
      .renewableLoans(patron)
      .map((loan) => ({ ...loan, canRenew: loan.decision.ok, outcomeText: describeDecision(loan.decision, res.locals) }));
    res.status(status).render('circulation/renew', {
      loans,
      anyRenewable: loans.some((loan) => loan.canRenew),
      days: deps.circulation.ruleOf(patron).loanDays,
      results: outcomes?.map((o) => ({
        title: o.title ?? '',
        ok: o.result === 'renewed' || o.result === 'already-renewed',
        message: describeOutcome(o, res.locals),
      })),
      alert,
    });
  }

  return {
    show(req: Request, res: Response) {
      render(req, res, 200);
    },

    submit(req: Request, res: Response) {
      const { t } = res.locals;
      const all = readFields(req.body, ['all']);
      if (!all.ok) return render(req, res, 422, formFailureMessage(all, t, { all: 'renew.all' }));
      const list = readList(req.body, all.values.all === 'yes' ? 'loan' : 'renew', CHOICE_MAX_LENGTH);
      if (!list.ok) return render(req, res, 422, formFailureMessage(list, t, { loan: 'circ.loans', renew: 'circ.loans' }));
      const chosen = list.values.map(parseChoice);
      if (chosen.some((c) => c === undefined)) return render(req, res, 422, t('form.repeatedField'));
      if (chosen.length === 0) return render(req, res, 422, t('renew.noneChosen'));
      req.session.renewalOutcomes = deps.circulation.renew(res.locals.patron!, chosen as Array<{ loanId: number; seenDueDate: string }>);
      res.redirect(303, '/myrecord/renew');
    },
  };
}
