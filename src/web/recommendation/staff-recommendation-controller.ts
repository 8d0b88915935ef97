import type { Request, Response } from 'express';
import type { QueueSort } from '../../domain/recommendation/recommendation.js';
import {
  checkStatusChange,
  REJECT_REASONS,
  STAFF_STATUSES,
  STATUSES,
  staffMayChange,
  type RecommendationStatus,
  type StatusChangeProblem,
} from '../../domain/recommendation/recommendation-status.js';
import type { Localizer, MessageKey } from '../../messages/index.js';
import { REC_REJECT_REASON, REC_STATUS } from '../../messages/recommendation-words.js';
import type { ChangeOutcome, RecommendationQueueService } from '../../services/recommendation/recommendation-queue-service.js';
import { clientAddress } from '../http/client-address.js';
import { formFailureMessage, readFields, readList } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { pageLinks } from '../http/page-links.js';
import { queryText, ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, setWarning, takeNoticeWithTone } from '../session/session-helpers.js';
import { pageAsked } from './recommendation-controller.js';
import { describeHistory, describeRecommendation } from './recommendation-words.js';

const FIELDS = ['status', 'reason', 'note', 'record_isbn'] as const;
type Field = (typeof FIELDS)[number];

const LABELS: Record<Field | 'id', MessageKey> = {
  status: 'staffRec.field.status',
  reason: 'staffRec.field.reason',
  note: 'staffRec.field.note',
  record_isbn: 'staffRec.field.recordIsbn',
  id: 'staffRec.field.tick',
};

const PROBLEM: Record<StatusChangeProblem['code'], MessageKey> = {
  STATUS_REQUIRED: 'staffRec.error.STATUS_REQUIRED',
  REASON_REQUIRED: 'staffRec.error.REASON_REQUIRED',
  NOTE_REQUIRED_FOR_OTHER: 'staffRec.error.NOTE_REQUIRED_FOR_OTHER',
  RECORD_ISBN_REQUIRED: 'staffRec.error.RECORD_ISBN_REQUIRED',
  NOTE_TOO_LONG: 'staffRec.error.NOTE_TOO_LONG',
};

/** What the queue shows: a status (or every one), an order, a page. */
interface QueueView {
  status: RecommendationStatus | null;
  sort: QueueSort;
  page: number;
}

function readView(query: Request['query']): QueueView {
  const status = queryText(query.status, 20);
  const sort = queryText(query.sort, 20);
  return {
    status: (STATUSES as readonly string[]).includes(status) ? (status as RecommendationStatus) : null,
    sort: sort === 'supporters' ? 'supporters' : 'newest',
    page: pageAsked(query.page),
  };
}

function viewQuery(view: QueueView, page = view.page): string {
  const params = new URLSearchParams();
  if (view.status) params.set('status', view.status);
  params.set('sort', view.sort);
  params.set('page', String(page));
  return `?${params.toString()}`;
}

/**
 * A form of the page that was refused: which one (a row's, by its recommendation id, or the
 * form for the ticked ones), what was typed, and each problem keyed by the id of its field.
 */
interface Failed {
  form: number | 'bulk';
  values: Record<Field, string>;
  errors: Record<string, string[]>;
  ticked: number[];
}

/** The acquisitions queue: recommendations by status, with their history; status changes one by one or for the ticked ones. */
export function createStaffRecommendationController(deps: { recommendations: RecommendationQueueService }) {
  function renderQueue(req: Request, res: Response, status: number, view: QueueView, extra: { alert?: string; failed?: Failed } = {}) {
    const l: Localizer = res.locals;
    const queue = deps.recommendations.queue(view);
    const notice = extra.alert ? undefined : takeNoticeWithTone(req, l.t);
    res.status(status).render('recommendation/staff-queue', {
      view,
      query: viewQuery({ ...view, page: queue.page }),
      statusChoices: STATUSES.map((value) => ({ value, label: l.t(REC_STATUS[value]) })),
      staffStatuses: STAFF_STATUSES.map((value) => ({ value, label: l.t(REC_STATUS[value]) })),
      rejectReasons: REJECT_REASONS.map((value) => ({ value, label: l.t(REC_REJECT_REASON[value]) })),
      items: queue.items.map((r) => ({
        ...describeRecommendation(r, l),
        patronName: r.patronName,
        patronBarcode: r.patronBarcode,
        open: r.open,
        allowed: STAFF_STATUSES.filter((s) => staffMayChange(r.status, s)),
        history: describeHistory(r.history, l, true),
      })),
      total: queue.total,
      pageLinks: pageLinks(queue.page, queue.pages).map((link) =>
        link.kind === 'page' ? { ...link, href: `/staff/recommendations${viewQuery(view, link.page)}` } : link,
      ),
      previousHref: queue.page > 1 ? `/staff/recommendations${viewQuery(view, queue.page - 1)}` : undefined,
      nextHref: queue.page < queue.pages ? `/staff/recommendations${viewQuery(view, queue.page + 1)}` : undefined,
      notice: notice?.text,
      noticeWarning: notice?.warning,
      alert: extra.alert,
      failed: extra.failed,
      errors: extra.failed?.errors ?? {},
    });
  }

  /** The fields of a status form, checked; a refusal is the queue again with the problems beside the form's fields. */
  function readChange(req: Request, res: Response, form: number | 'bulk', ticked: number[]) {
    const view = readView(req.query);
    const read = readFields(req.body, FIELDS, { note: 2000 });
    if (!read.ok) {
      renderQueue(req, res, 422, view, { alert: formFailureMessage(read, res.locals.t, LABELS) });
      return undefined;
    }
    const checked = checkStatusChange(read.values);
    if (!checked.ok) {
      const suffix = form === 'bulk' ? 'bulk' : String(form);
      const errors: Record<string, string[]> = {};
      for (const problem of checked.problems) (errors[`${problem.field}-${suffix}`] ??= []).push(res.locals.t(PROBLEM[problem.code]));
      renderQueue(req, res, 422, view, {
        alert: res.locals.t('staffRec.error.summary', { count: checked.problems.length }),
        failed: { form, values: read.values, errors, ticked },
      });
      return undefined;
    }
    return { view, change: checked.change, values: read.values };
  }

  const by = (req: Request, res: Response) => ({ staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) });

  return {
    show(req: Request, res: Response) {
      renderQueue(req, res, 200, readView(req.query));
    },

    /** POST /staff/recommendations/:id/status: one recommendation. */
    changeOne(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      const read = readChange(req, res, id, []);
      if (!read) return;
      const result = deps.recommendations.changeStatus(by(req, res), [id], read.change);
      const statusText = res.locals.t(REC_STATUS[read.change.status]);
      if (result.kind === 'no-such-record') {
        return renderQueue(req, res, 422, read.view, {
          alert: res.locals.t('staffRec.error.noSuchRecord'),
          failed: {
            form: id,
            values: read.values,
            errors: { [`record_isbn-${id}`]: [res.locals.t('staffRec.error.noSuchRecord')] },
            ticked: [],
          },
        });
      }
      const outcome = result.outcomes[0]!;
      if (outcome.kind === 'not-found') return renderNotFound(res);
      if (outcome.kind === 'not-allowed') {
        return renderQueue(req, res, 422, read.view, {
          alert: res.locals.t('staffRec.error.notAllowed', {
            title: outcome.title,
            from: res.locals.t(REC_STATUS[outcome.from]),
            to: statusText,
          }),
        });
      }
      setNotice(req, 'staffRec.notice.changed', { title: outcome.title, status: statusText, requests: outcome.requests });
      res.redirect(303, `/staff/recommendations${viewQuery(read.view)}`);
    },

    /** POST /staff/recommendations/status: every ticked one (`id`, several), to one status. */
    changeMany(req: Request, res: Response) {
      const list = readList(req.body, 'id', 20);
      if (!list.ok) return renderQueue(req, res, 422, readView(req.query), { alert: formFailureMessage(list, res.locals.t, LABELS) });
      const ids = list.values.map((v) => wholeNumber(v, ROW_ID)).filter((id): id is number => id !== undefined);
      const read = readChange(req, res, 'bulk', ids);
      if (!read) return;
      if (ids.length === 0) {
        return renderQueue(req, res, 422, read.view, {
          alert: res.locals.t('staffRec.error.noneTicked'),
          failed: { form: 'bulk', values: read.values, errors: {}, ticked: [] },
        });
      }
      const result = deps.recommendations.changeStatus(by(req, res), ids, read.change);
      if (result.kind === 'no-such-record') {
        return renderQueue(req, res, 422, read.view, {
          alert: res.locals.t('staffRec.error.noSuchRecord'),
          failed: {
            form: 'bulk',
            values: read.values,
            errors: { 'record_isbn-bulk': [res.locals.t('staffRec.error.noSuchRecord')] },
            ticked: ids,
          },
        });
      }
      const statusText = res.locals.t(REC_STATUS[read.change.status]);
      const changed = result.outcomes.filter((o): o is Extract<ChangeOutcome, { kind: 'changed' }> => o.kind === 'changed');
      const skipped = result.outcomes.length - changed.length;
      if (changed.length === 0) {
        return renderQueue(req, res, 422, read.view, {
          alert: res.locals.t('staffRec.error.noneChanged', { status: statusText }),
          failed: { form: 'bulk', values: read.values, errors: {}, ticked: ids },
        });
      }
      const params = { changed: changed.length, status: statusText, skipped, requests: changed.reduce((sum, o) => sum + o.requests, 0) };
      if (skipped > 0) setWarning(req, 'staffRec.notice.bulk', params);
      else setNotice(req, 'staffRec.notice.bulk', params);
      res.redirect(303, `/staff/recommendations${viewQuery(read.view)}`);
    },
  };
}
