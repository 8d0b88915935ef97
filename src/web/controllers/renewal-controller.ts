import type { Request, Response } from 'express';
import type { Localizer, MessageKey } from '../../messages/index.js';
import type { RenewalRefusal } from '../../domain/circulation/renewal-policy.js';
import type { CirculationService, LoanLine, RenewalOutcome } from '../../services/circulation-service.js';
import { formFailureMessage, readFields, readList } from '../form-fields.js';

const REFUSAL_MESSAGE: Record<RenewalRefusal['code'], MessageKey> = {
  RECORD_EXPIRED: 'renew.refused.RECORD_EXPIRED',
  FINES_OVER_CEILING: 'renew.refused.FINES_OVER_CEILING',
  REQUESTED: 'renew.refused.REQUESTED',
  LIMIT_REACHED: 'renew.refused.LIMIT_REACHED',
  NO_LATER_DATE: 'renew.refused.NO_LATER_DATE',
};

/** A choice ("1234:2026-12-19") is far shorter: a longer one is refused before it is parsed. */
const CHOICE_MAX_LENGTH = 32;

/** Each item on the form is "loan id:due date as shown", so a repeated submit renews nothing twice. */
function parseChoice(value: string): { loanId: number; seenDueDate: string } | undefined {
  const match = /^(\d{1,12}):(\d{4}-\d{2}-\d{2})$/.exec(value);
  return match ? { loanId: Number(match[1]), seenDueDate: match[2]! } : undefined;
}

export function describeOutcome(outcome: RenewalOutcome, l: Pick<Localizer, 't' | 'formatDate' | 'formatMoney'>): string {
  const { t, formatDate, formatMoney } = l;
  switch (outcome.result) {
    case 'renewed':
      return t('renew.renewed', { due: formatDate(outcome.newDueDate) });
    case 'already-renewed':
      return t('renew.already', { due: formatDate(outcome.dueDate) });
    case 'not-found':
      return t('renew.notFound');
    case 'refused': {
      const r = outcome.refusal;
      const params: Record<string, string | number> = {};
      if ('expiry' in r) params.expiry = formatDate(r.expiry);
      if ('balance' in r) Object.assign(params, { balance: formatMoney(r.balance), ceiling: formatMoney(r.ceiling) });
      if ('used' in r) Object.assign(params, { used: r.used, allowed: r.allowed });
      return t(REFUSAL_MESSAGE[r.code], params);
    }
  }
}

/** What the form says of an item beside its title: due when, overdue or not, renewals used. */
function loanDetails(loan: LoanLine, l: Pick<Localizer, 't' | 'formatDate'>): string {
  return l.t('renew.loanDetails', { due: l.formatDate(loan.dueDate), overdue: loan.overdue ? 'yes' : 'no', used: loan.renewals, allowed: loan.renewalsAllowed });
}

/** Book Renewal: one, several or all, with a result per item in words. */
export function createRenewalController(deps: { circulation: CirculationService }) {
  function render(res: Response, status: number, view: { results?: Array<{ title: string; ok: boolean; message: string }>; alert?: string }) {
    const patron = res.locals.patron!;
    res.status(status).render('myrecord/renew', {
      loans: deps.circulation.loanLines(patron).map((loan) => ({ ...loan, details: loanDetails(loan, res.locals) })),
      days: deps.circulation.ruleOf(patron).loanDays,
      results: undefined,
      alert: undefined,
      ...view,
    });
  }

  return {
    show(_req: Request, res: Response) {
      render(res, 200, {});
    },

    submit(req: Request, res: Response) {
      const { t } = res.locals;
      const all = readFields(req.body, ['all']);
      if (!all.ok) return render(res, 422, { alert: formFailureMessage(all, t, { all: 'renew.all' }) });
      const list = readList(req.body, all.values.all === 'yes' ? 'loan' : 'renew', CHOICE_MAX_LENGTH);
      if (!list.ok) return render(res, 422, { alert: formFailureMessage(list, t, { loan: 'circ.loans', renew: 'circ.loans' }) });
      const chosen = list.values.map(parseChoice);
      if (chosen.some((c) => c === undefined)) return render(res, 422, { alert: t('form.repeatedField') });
      if (chosen.length === 0) return render(res, 422, { alert: t('renew.noneChosen') });
      const outcomes = deps.circulation.renew(res.locals.patron!, chosen as Array<{ loanId: number; seenDueDate: string }>);
      const results = outcomes.map((o) => ({ title: o.title ?? '', ok: o.result === 'renewed' || o.result === 'already-renewed', message: describeOutcome(o, res.locals) }));
      render(res, 200, { results });
    },
  };
}
