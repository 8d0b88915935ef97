import type { Request, Response } from 'express';
import { renderNotFound } from '../middleware/error-pages.js';
import type { MessageKey } from '../../messages/index.js';
import type { CatalogueService } from '../../services/catalogue-service.js';
import type { CirculationService } from '../../services/circulation-service.js';
import { formFailureMessage, readFields } from '../form-fields.js';
import { queryText, ROW_ID, wholeNumber } from '../query-params.js';
import { setNotice, takeNotice } from '../session-helpers.js';

/** Further than anyone pages through results (20 a page): a larger page number is read as page 1. */
const MAX_PAGE = 10_000;

/** Book Request: search the catalogue, see a record and its copies, request it. */
export function createCatalogueController(deps: { catalogue: CatalogueService; circulation: CirculationService }) {
  function renderRecord(req: Request, res: Response, status: number, recordId: number, view: { alert?: string } = {}) {
    const page = deps.catalogue.recordPage(recordId);
    if (!page) return renderNotFound(res);
    res.status(status).render('catalogue/record', { ...page, notice: takeNotice(req, res.locals.t), alert: undefined, ...view });
  }

  return {
    search(req: Request, res: Response) {
      const query = queryText(req.query.q, 200);
      const page = wholeNumber(req.query.page, { min: 1, max: MAX_PAGE }) ?? 1;
      res.render('catalogue/search', { result: deps.catalogue.search(query, page) });
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
        return renderRecord(req, res, 422, id, { alert: t(`cat.refused.${r.code}` as MessageKey, params) });
      }
      setNotice(req, 'cat.requested', { title: result.title, position: result.position });
      res.redirect(303, `/catalogue/${id}`);
    },
  };
}
