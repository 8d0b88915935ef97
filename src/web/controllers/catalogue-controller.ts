import type { Request, Response } from 'express';
import type { Copy, CopyStatus } from '../../db/catalogue-repo.js';
import { renderNotFound } from '../middleware/error-pages.js';
import type { Localizer, MessageKey } from '../../messages/index.js';
import type { CatalogueService } from '../../services/catalogue-service.js';
import type { CirculationService, PlaceRequestResult } from '../../services/circulation-service.js';
import { formFailureMessage, readFields } from '../form-fields.js';
import { queryText, ROW_ID, wholeNumber } from '../query-params.js';
import { setNotice, takeNotice } from '../session-helpers.js';

/** Further than anyone pages through results (20 a page): a larger page number is read as page 1. */
const MAX_PAGE = 10_000;

type RequestRefusalCode = Extract<PlaceRequestResult, { ok: false }>['refusal']['code'];

const REFUSAL_MESSAGE: Record<RequestRefusalCode, MessageKey> = {
  RECORD_EXPIRED: 'cat.refused.RECORD_EXPIRED',
  FINES_OVER_CEILING: 'cat.refused.FINES_OVER_CEILING',
  ON_SHELF: 'cat.refused.ON_SHELF',
  ON_LOAN_TO_YOU: 'cat.refused.ON_LOAN_TO_YOU',
  ALREADY_REQUESTED: 'cat.refused.ALREADY_REQUESTED',
  REQUEST_LIMIT: 'cat.refused.REQUEST_LIMIT',
  NO_SUCH_PICKUP: 'cat.refused.NO_SUCH_PICKUP',
  NO_SUCH_RECORD: 'cat.refused.NO_SUCH_RECORD',
};

/**
 * A copy on loan is said with its due date (cat.copy.on_loan), one on its way to a pickup location
 * with where (cat.copy.in_transit); every other status in words of its own.
 */
const COPY_STATUS: Record<Exclude<CopyStatus, 'on_loan'>, MessageKey> = {
  available: 'cat.copy.available',
  on_hold: 'cat.copy.on_hold',
  missing: 'cat.copy.missing',
};

function copyStatusText(copy: Copy, l: Pick<Localizer, 't' | 'formatDate'>): string {
  if (copy.transitTo !== null) return l.t('cat.copy.in_transit', { place: copy.transitTo });
  if (copy.status !== 'on_loan') return l.t(COPY_STATUS[copy.status]);
  // A copy on loan has an open loan, and so a due date.
  return l.t('cat.copy.on_loan', { due: copy.dueDate === null ? '' : l.formatDate(copy.dueDate) });
}

/** Book Request: search the catalogue, see a record and its copies, request it. */
export function createCatalogueController(deps: { catalogue: CatalogueService; circulation: CirculationService }) {
  function renderRecord(req: Request, res: Response, status: number, recordId: number, view: { alert?: string } = {}) {
    const page = deps.catalogue.recordPage(recordId);
    if (!page) return renderNotFound(res);
    const copies = page.copies.map((copy) => ({ ...copy, statusText: copyStatusText(copy, res.locals) }));
    res.status(status).render('catalogue/record', { ...page, copies, notice: takeNotice(req, res.locals.t), alert: undefined, ...view });
  }

  return {
    search(req: Request, res: Response) {
      const { t } = res.locals;
      const query = queryText(req.query.q, 200);
      const page = wholeNumber(req.query.page, { min: 1, max: MAX_PAGE }) ?? 1;
      const result = deps.catalogue.search(query, page);
      // The year as text: a number would be written with a thousands separator (1,851).
      const records = result.records.map((r) => ({ ...r, byline: r.year === null ? r.author : t('cat.authorYear', { author: r.author, year: String(r.year) }) }));
      res.render('catalogue/search', { result: { ...result, records } });
    },

    show(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      renderRecord(req, res, 200, id);
    },

    request(req: Request, res: Response) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      const form = readFields(req.body, ['pickup']);
      if (!form.ok) return renderRecord(req, res, 422, id, { alert: formFailureMessage(form, t, { pickup: 'cat.pickup' }) });
      const result = deps.circulation.placeRequest(res.locals.patron!, id, wholeNumber(form.values.pickup, ROW_ID) ?? 0);
      if (!result.ok) {
        const r = result.refusal;
        if (r.code === 'NO_SUCH_RECORD') return renderNotFound(res);
        const params: Record<string, string | number> = {};
        if ('expiry' in r) params.expiry = res.locals.formatDate(r.expiry);
        if ('balance' in r) Object.assign(params, { balance: res.locals.formatMoney(r.balance), ceiling: res.locals.formatMoney(r.ceiling) });
        if ('allowed' in r) params.allowed = r.allowed;
        return renderRecord(req, res, 422, id, { alert: t(REFUSAL_MESSAGE[r.code], params) });
      }
      setNotice(req, 'cat.requested', { title: result.title, position: result.position });
      res.redirect(303, `/catalogue/${id}`);
    },
  };
}
