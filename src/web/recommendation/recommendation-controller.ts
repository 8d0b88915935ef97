import type { Request, Response } from 'express';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { FormField, FormProblemCode, RecommendationFields } from '../../domain/recommendation/recommendation-form.js';
import { FORMATS, NOTE_MAX, REASONS } from '../../domain/recommendation/recommendation-form.js';
import type { LimitRefusal } from '../../domain/recommendation/recommendation-limits.js';
import type { Localizer, MessageKey } from '../../messages/index.js';
import { REC_FORMAT, REC_REASON } from '../../messages/recommendation-words.js';
import type { RecommendationService } from '../../services/recommendation/recommendation-service.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { pageLinks } from '../http/page-links.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
import { describeHistory, describeRecommendation } from './recommendation-words.js';

const FIELDS = [
  'title',
  'author',
  'isbn',
  'publisher',
  'year',
  'format',
  'reason',
  'note',
  'request_when_available',
  'pickup',
  'confirm_held',
] as const;

/** Each field's label, for "too long" and "sent twice". */
const LABELS: Record<(typeof FIELDS)[number], MessageKey> = {
  title: 'rec.field.title',
  author: 'rec.field.author',
  isbn: 'cat.isbn',
  publisher: 'rec.field.publisher',
  year: 'rec.field.year',
  format: 'rec.field.format',
  reason: 'rec.field.reason',
  note: 'rec.field.note',
  request_when_available: 'rec.field.requestWhenAvailable',
  pickup: 'cat.pickup',
  confirm_held: 'rec.field.confirmHeld',
};

const PROBLEM: Record<FormProblemCode, MessageKey> = {
  TITLE_REQUIRED: 'rec.error.TITLE_REQUIRED',
  TITLE_TOO_LONG: 'rec.error.TITLE_TOO_LONG',
  AUTHOR_TOO_LONG: 'rec.error.AUTHOR_TOO_LONG',
  ISBN_INVALID: 'rec.error.ISBN_INVALID',
  PUBLISHER_TOO_LONG: 'rec.error.PUBLISHER_TOO_LONG',
  YEAR_INVALID: 'rec.error.YEAR_INVALID',
  YEAR_IN_FUTURE: 'rec.error.YEAR_IN_FUTURE',
  FORMAT_REQUIRED: 'rec.error.FORMAT_REQUIRED',
  REASON_REQUIRED: 'rec.error.REASON_REQUIRED',
  NOTE_TOO_LONG: 'rec.error.NOTE_TOO_LONG',
  NOTE_REQUIRED_FOR_OTHER: 'rec.error.NOTE_REQUIRED_FOR_OTHER',
  PICKUP_REQUIRED: 'rec.error.PICKUP_REQUIRED',
};

function limitText(refusal: LimitRefusal, l: Localizer): string {
  return refusal.code === 'OPEN_LIMIT'
    ? l.t('rec.limit.open', { allowed: refusal.allowed })
    : l.t('rec.limit.window', { allowed: refusal.allowed, days: refusal.days });
}

const EMPTY: RecommendationFields = {
  title: '',
  author: '',
  isbn: '',
  publisher: '',
  year: '',
  format: '',
  reason: '',
  note: '',
  request_when_available: '',
  pickup: '',
};

/** A page number from the query: anything not a plain number is the first. */
export function pageAsked(value: unknown): number {
  return wholeNumber(value, { min: 1, max: 1_000_000 }) ?? 1;
}

/** Book Recommendation for the patron: his list, the form, cancelling. */
export function createRecommendationController(deps: { recommendations: RecommendationService }) {
  function renderForm(
    res: Response,
    status: number,
    view: {
      values?: RecommendationFields;
      errors?: Partial<Record<FormField, string[]>>;
      alert?: string;
      held?: { id: number; title: string; author: string };
    } = {},
  ) {
    const patron: Patron = res.locals.patron!;
    const { t } = res.locals;
    const context = deps.recommendations.formContext(patron);
    res.status(status).render('recommendation/new', {
      values: view.values ?? EMPTY,
      errors: view.errors ?? {},
      alert: view.alert,
      held: view.held,
      standing: context.standing,
      pickupLocations: context.pickupLocations,
      formats: FORMATS.map((value) => ({ value, label: t(REC_FORMAT[value]) })),
      reasons: REASONS.map((value) => ({ value, label: t(REC_REASON[value]) })),
      noteMax: NOTE_MAX,
      thisYear: context.thisYear,
    });
  }

  function renderList(req: Request, res: Response, status: number, page: number, alert?: string) {
    const l: Localizer = res.locals;
    const list = deps.recommendations.listOf(res.locals.patron!, page);
    res.status(status).render('recommendation/list', {
      items: list.items.map((r) => ({
        ...describeRecommendation(r, l),
        mine: r.mine,
        cancellable: r.cancellable,
        requestWhenAvailable: r.requestWhenAvailable,
        history: describeHistory(r.history, l, false),
      })),
      total: list.total,
      pageLinks: pageLinks(list.page, list.pages).map((link) =>
        link.kind === 'page' ? { ...link, href: `/myrecord/recommendations?page=${link.page}` } : link,
      ),
      previousHref: list.page > 1 ? `/myrecord/recommendations?page=${list.page - 1}` : undefined,
      nextHref: list.page < list.pages ? `/myrecord/recommendations?page=${list.page + 1}` : undefined,
      notice: alert ? undefined : takeNotice(req, l.t),
      alert,
    });
  }

  return {
    list(req: Request, res: Response) {
      renderList(req, res, 200, pageAsked(req.query.page));
    },

    showForm(_req: Request, res: Response) {
      renderForm(res, 200);
    },

    submit(req: Request, res: Response) {
      const l: Localizer = res.locals;
      // The note may be longer than most fields: the rule of the form then names its own limit.
      const form = readFields(req.body, FIELDS, { note: 2 * NOTE_MAX });
      if (!form.ok) return renderForm(res, 422, { alert: formFailureMessage(form, l.t, LABELS) });
      const { confirm_held: confirmHeld, ...fields } = form.values;
      const result = deps.recommendations.recommend(res.locals.patron!, fields, confirmHeld === 'yes');
      switch (result.kind) {
        case 'invalid': {
          const errors: Partial<Record<FormField, string[]>> = {};
          for (const problem of result.problems) (errors[problem.field] ??= []).push(l.t(PROBLEM[problem.code], { max: problem.max ?? 0 }));
          return renderForm(res, 422, { values: fields, errors, alert: l.t('rec.error.summary', { count: result.problems.length }) });
        }
        case 'held':
          return renderForm(res, 422, {
            values: fields,
            held: { id: result.record.id, title: result.record.title, author: result.record.author },
            alert: l.t('rec.held.alert', { title: result.record.title }),
          });
        case 'already-yours':
          return renderForm(res, 422, {
            values: fields,
            alert: l.t('rec.already.yours', {
              title: result.recommendation.title,
              date: l.formatDate(libraryDateOf(result.recommendation.createdAt)),
            }),
          });
        case 'already-supporting':
          return renderForm(res, 422, { values: fields, alert: l.t('rec.already.supporting', { title: result.recommendation.title }) });
        case 'limit':
          return renderForm(res, 422, { values: fields, alert: limitText(result.refusal, l) });
        case 'supporter-added':
          setNotice(req, 'rec.notice.supporter', { title: result.recommendation.title, count: result.recommendation.supporterCount });
          return res.redirect(303, '/myrecord/recommendations');
        case 'recommended':
          setNotice(req, 'rec.notice.recommended', { title: result.title });
          return res.redirect(303, '/myrecord/recommendations');
      }
    },

    cancel(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : deps.recommendations.cancel(res.locals.patron!, id);
      if (result.kind === 'not-found') return renderNotFound(res);
      if (result.kind === 'closed') {
        // Staff acted on it first (another tab, a slow click): nothing changes, and he is told why.
        return renderList(req, res, 422, 1, res.locals.t('rec.cancel.closed', { title: result.title }));
      }
      setNotice(req, result.kind === 'cancelled' ? 'rec.notice.cancelled' : 'rec.notice.withdrawn', { title: result.title });
      res.redirect(303, '/myrecord/recommendations');
    },
  };
}
