import type { Request, Response } from 'express';
import { DEPOSIT_FIELDS, type DepositField } from '../../domain/deposit/deposit-form.js';
import { isStaffDecision, REASON_MAX_LENGTH, type DepositStatus, type StaffDecision } from '../../domain/deposit/deposit.js';
import { isAdmin } from '../../domain/staff/staff.js';
import type { MessageKey } from '../../messages/index.js';
import type { DepositActor } from '../../services/deposit/deposit-notes.js';
import type { DepositReviewService, StaffProblem } from '../../services/deposit/deposit-review-service.js';
import { clientAddress } from '../http/client-address.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { queryText, ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
import { DEPOSIT_READ_LIMITS, formChoices, formValues, sendPdf } from './deposit-form-view.js';
import {
  DEPOSIT_FIELD_LABEL,
  LICENCE_TEXT,
  TYPE_TEXT,
  VERSION_TEXT,
  historyLines,
  pager,
  problemErrors,
  statusText,
} from './deposit-labels.js';

/** The queues (`GET /staff/deposits?status=`): waiting, mine, returned, published, and the rest. */
export const QUEUES = ['submitted', 'mine', 'under_review', 'returned', 'published', 'withdrawn'] as const;
type Queue = (typeof QUEUES)[number];
const QUEUE_TEXT: Record<Queue, MessageKey> = {
  submitted: 'staffDeposit.queue.submitted',
  mine: 'staffDeposit.queue.mine',
  under_review: 'staffDeposit.queue.under_review',
  returned: 'staffDeposit.queue.returned',
  published: 'staffDeposit.queue.published',
  withdrawn: 'staffDeposit.queue.withdrawn',
};
const DECISION_TEXT: Record<StaffDecision, MessageKey> = {
  publish: 'staffDeposit.decision.publish',
  return: 'staffDeposit.decision.return',
  withdraw: 'staffDeposit.decision.withdraw',
};
const PROBLEM_TEXT: Record<StaffProblem, MessageKey> = {
  REASON_REQUIRED: 'staffDeposit.problem.REASON_REQUIRED',
  REASON_TOO_LONG: 'staffDeposit.problem.REASON_TOO_LONG',
};
const isQueue = (value: string): value is Queue => (QUEUES as readonly string[]).includes(value);

interface DetailView {
  alert?: string;
  errors?: Partial<Record<DepositField | 'reason' | 'decision', string[]>>;
  values?: Partial<Record<DepositField, string>>;
  reason?: string;
}

/** The member of staff signed in, as the deposit's history and the audit log name who acted. */
function actor(req: Request, res: Response): DepositActor {
  const member = res.locals.staffMember!;
  return { staffId: member.id, isAdmin: isAdmin(member), clientAddress: clientAddress(req) };
}

/** "The deposit is now with X" / "has moved on": why a step was not taken. */
function notNow(res: Response, status: DepositStatus, by: string | null): string {
  const { t } = res.locals;
  return status === 'under_review' && by
    ? t('staffDeposit.takenBy', { username: by })
    : t('staffDeposit.notNow', { status: statusText(status, t, 'staff') });
}

const idFrom = (req: Request): number | undefined => wholeNumber(req.params.id, ROW_ID);

/** Repository staff: the queues, a deposit to review (claim, edit, decide), its file. */
export function createStaffDepositController(deps: { review: DepositReviewService }) {
  const { review } = deps;

  function renderDetail(req: Request, res: Response, status: number, id: number, view: DetailView = {}) {
    const { t } = res.locals;
    const d = review.forStaff(actor(req, res), id);
    if (!d) return renderNotFound(res);
    const m = d.metadata;
    res.status(status).render('deposit/staff-deposit', {
      d,
      statusText: statusText(d.status, t, 'staff'),
      history: historyLines(d.history, res.locals, 'staff'),
      choices: formChoices(t),
      labels: DEPOSIT_FIELD_LABEL,
      typeText: m.type ? t(TYPE_TEXT[m.type]) : '',
      versionText: m.version ? t(VERSION_TEXT[m.version]) : '',
      licenceText: m.licence ? t(LICENCE_TEXT[m.licence]) : '',
      decisions: d.decisions.map((value) => ({ value, text: t(DECISION_TEXT[value]) })),
      notice: takeNotice(req, t),
      alert: undefined,
      reason: '',
      ...view,
      values: view.values ?? formValues(m),
      errors: view.errors ?? {},
    });
  }

  return {
    /** GET /staff/deposits?status=…: one queue, the longest waiting first. */
    show(req: Request, res: Response) {
      const { t } = res.locals;
      const asked = queryText(req.query.status, 20);
      const queue: Queue = isQueue(asked) ? asked : 'submitted';
      const me = res.locals.staffMember!.id;
      const filter = queue === 'mine' ? { status: 'under_review' as const, reviewerId: me } : { status: queue, reviewerId: null };
      const list = review.queue(filter, wholeNumber(req.query.page, { min: 1, max: 1_000_000 }) ?? 1);
      res.render('deposit/staff-queue', {
        queue,
        queueText: t(QUEUE_TEXT[queue]),
        queues: QUEUES.map((value) => ({ value, text: t(QUEUE_TEXT[value]) })),
        total: list.total,
        deposits: list.deposits.map((d) => ({
          id: d.id,
          title: d.metadata.title,
          authors: d.metadata.authors.map((a) => a.name).join('; '),
          patron: t('staffIll.patronName', { name: d.patronName, barcode: d.patronBarcode }),
          statusText: statusText(d.status, t, 'staff'),
          statusAt: d.statusAt,
          reviewer: d.reviewerUsername,
          mayClaim: d.status === 'submitted',
        })),
        ...pager(list.page, list.pages, (page) => `/staff/deposits?status=${queue}&page=${page}`),
        notice: takeNotice(req, t),
      });
    },

    detail(req: Request, res: Response) {
      const id = idFrom(req);
      if (id === undefined) return renderNotFound(res);
      renderDetail(req, res, 200, id);
    },

    /** POST /staff/deposits/:id/claim: of two at once, one gets it; the other is told who did. */
    claim(req: Request, res: Response) {
      const id = idFrom(req);
      if (id === undefined) return renderNotFound(res);
      const result = review.claim(actor(req, res), id);
      switch (result.kind) {
        case 'not-found':
          return renderNotFound(res);
        case 'taken':
          return renderDetail(req, res, 409, id, { alert: notNow(res, result.status, result.by) });
        case 'claimed':
          setNotice(req, 'staffDeposit.claimed', { title: result.title });
          return res.redirect(303, `/staff/deposits/${id}`);
      }
    },

    /** POST /staff/deposits/:id: the metadata corrected while under review. */
    edit(req: Request, res: Response) {
      const { t } = res.locals;
      const id = idFrom(req);
      if (id === undefined) return renderNotFound(res);
      const form = readFields(req.body, DEPOSIT_FIELDS, DEPOSIT_READ_LIMITS);
      if (!form.ok) return renderDetail(req, res, 422, id, { alert: formFailureMessage(form, t, DEPOSIT_FIELD_LABEL) });
      const result = review.editByStaff(actor(req, res), id, form.values);
      switch (result.kind) {
        case 'not-found':
          return renderNotFound(res);
        case 'not-now':
          return renderDetail(req, res, 409, id, { alert: notNow(res, result.status, result.by) });
        case 'invalid':
          return renderDetail(req, res, 422, id, {
            alert: t('deposit.notSaved'),
            values: form.values,
            errors: problemErrors(result.problems, res.locals),
          });
        case 'edited':
          setNotice(req, result.fields.length === 0 ? 'staffDeposit.unchanged' : 'staffDeposit.edited', { title: result.title });
          return res.redirect(303, `/staff/deposits/${id}`);
      }
    },

    /** POST /staff/deposits/:id/decision: publish, return (reason required) or withdraw (reason required). */
    decide(req: Request, res: Response) {
      const { t } = res.locals;
      const id = idFrom(req);
      if (id === undefined) return renderNotFound(res);
      const form = readFields(req.body, ['decision', 'reason'], { reason: REASON_MAX_LENGTH * 2 });
      if (!form.ok) return renderDetail(req, res, 422, id, { alert: formFailureMessage(form, t, DEPOSIT_FIELD_LABEL) });
      const { decision, reason } = form.values;
      if (!isStaffDecision(decision)) {
        if (!review.forStaff(actor(req, res), id)) return renderNotFound(res);
        const message = t('staffDeposit.problem.DECISION_UNKNOWN');
        return renderDetail(req, res, 422, id, { alert: message, errors: { decision: [message] }, reason });
      }
      const result = review.decide(actor(req, res), id, decision, reason);
      switch (result.kind) {
        case 'not-found':
          return renderNotFound(res);
        case 'not-now':
          return renderDetail(req, res, 409, id, { alert: notNow(res, result.status, result.by) });
        case 'invalid': {
          const message = t(PROBLEM_TEXT[result.problem], { max: REASON_MAX_LENGTH });
          return renderDetail(req, res, 422, id, { alert: message, errors: { reason: [message] }, reason });
        }
        case 'decided':
          setNotice(req, 'staffDeposit.decided', { id, title: result.title, status: statusText(result.status, t, 'staff') });
          return res.redirect(303, `/staff/deposits?status=${result.status === 'returned' ? 'returned' : result.status}`);
      }
    },

    /** The PDF, for staff to read while reviewing. */
    async file(req: Request, res: Response) {
      const id = idFrom(req);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : await review.staffFile(id);
      if (result.kind !== 'file') return renderNotFound(res);
      sendPdf(res, result);
    },
  };
}
