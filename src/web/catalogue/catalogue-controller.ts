import type { Request, Response } from 'express';
import type { Copy, CopyStatus } from '../../domain/catalogue/catalogue-record.js';
import type { RequestStatus, RequestView } from '../../domain/circulation/request.js';
import { renderNotFound } from '../middleware/error-pages.js';
import type { Localizer, MessageKey } from '../../messages/index.js';
import { PAGE_SIZE, type CatalogueService, type SearchResult } from '../../services/catalogue/catalogue-service.js';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import { requestRefusalText } from '../../messages/request-refusal-text.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { pageLinks } from '../http/page-links.js';
import { queryText, ROW_ID, wholeNumber } from '../http/query-params.js';
import {
  MAX_QUERY_LENGTH,
  readSearchContext,
  recordHref,
  searchContextQuery,
  searchPageHref,
  type SearchContext,
} from './search-context.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';

/**
 * A copy on loan is said with its due date (cat.copy.on_loan), one on its way to a pickup location
 * with where (cat.copy.in_transit); every other status in words of its own.
 */
const COPY_STATUS: Record<Exclude<CopyStatus, 'on_loan'>, MessageKey> = {
  available: 'cat.copy.available',
  on_hold: 'cat.copy.on_hold',
  missing: 'cat.copy.missing',
};

type Words = Pick<Localizer, 't' | 'formatDate'>;

function copyStatusText(copy: Copy, l: Words): string {
  if (copy.transitTo !== null) return l.t('cat.copy.in_transit', { place: l.t('pickup.name', copy.transitTo) });
  if (copy.status !== 'on_loan') return l.t(COPY_STATUS[copy.status]);
  // A copy on loan has an open loan, and so a due date.
  return l.t('cat.copy.on_loan', { due: copy.dueDate === null ? '' : l.formatDate(copy.dueDate) });
}

/**
 * The patron's own request for the title, in words. Only open requests are shown on a record
 * (waiting, in transit or ready); the others have nothing to say there.
 */
const YOUR_REQUEST: Record<RequestStatus, (request: RequestView, l: Words) => string | undefined> = {
  waiting: (request, l) =>
    l.t('cat.yours.waiting', {
      position: request.queuePosition ?? 1,
      pickup: l.t('pickup.name', { code: request.pickupCode, name: request.pickupLocation }),
    }),
  in_transit: (request, l) =>
    l.t('circ.status.in_transit', { pickupLocation: l.t('pickup.name', { code: request.pickupCode, name: request.pickupLocation }) }),
  // A ready request was given its last day when its copy was put on the hold shelf.
  ready: (request, l) =>
    l.t('cat.yours.ready', {
      pickup: l.t('pickup.name', { code: request.pickupCode, name: request.pickupLocation }),
      collectBy: request.collectBy === null ? '' : l.formatDate(request.collectBy),
    }),
  collected: () => undefined,
  cancelled: () => undefined,
};

/** A page number asked for in a search: past the last one (however large) is the last; anything not a number is the first. */
function requestedPage(value: unknown): number {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return 1;
  return Number(value);
}

/** Each result in words (who wrote it, when; how many copies are on the shelf), with its link. */
function describeResults(result: Extract<SearchResult, { kind: 'found' }>, l: Words) {
  const context: SearchContext = { query: result.query, page: result.page };
  return result.records.map((r) => ({
    title: r.title,
    href: recordHref(r.id, context),
    // The year as text: a number would be written with a thousands separator (1,851).
    byline: r.year === null ? r.author : l.t('cat.authorYear', { author: r.author, year: String(r.year) }),
    availability:
      r.onShelf > 0 ? l.t('cat.onShelf', { onShelf: r.onShelf, copies: r.copies }) : l.t('cat.noneOnShelf', { copies: r.copies }),
  }));
}

/** Book Request: search the catalogue, see a record and its copies, request it. */
export function createCatalogueController(deps: { catalogue: CatalogueService; circulation: CirculationService }) {
  function renderRecord(req: Request, res: Response, status: number, recordId: number, view: { alert?: string } = {}) {
    const page = deps.catalogue.recordPage(recordId, res.locals.patron!.id);
    if (!page) return renderNotFound(res);
    const today = deps.circulation.today();
    const context = readSearchContext(req.query);
    res.status(status).render('catalogue/record', {
      ...page,
      copies: page.copies.map((copy) => ({ ...copy, statusText: copyStatusText(copy, res.locals) })),
      yourLoans: page.yourLoans.map((copy) => ({
        ...copy,
        text: res.locals.t('cat.yours.onLoan', {
          due: copy.dueDate === null ? '' : res.locals.formatDate(copy.dueDate),
          overdue: copy.dueDate !== null && copy.dueDate < today ? 'yes' : 'no',
        }),
      })),
      yourRequestText: page.yourRequest ? YOUR_REQUEST[page.yourRequest.status](page.yourRequest, res.locals) : undefined,
      backHref: searchPageHref(context),
      requestAction: `/catalogue/${recordId}/request${searchContextQuery(context)}`,
      notice: takeNotice(req, res.locals.t),
      alert: undefined,
      ...view,
    });
  }

  return {
    search(req: Request, res: Response) {
      const query = queryText(req.query.q, MAX_QUERY_LENGTH);
      const result = deps.catalogue.search(query, requestedPage(req.query.page));
      const found = result.kind === 'found' ? result : undefined;
      res.render('catalogue/search', {
        query,
        // Only a search made with the button (q in the URL) is answered in a status; the first visit just explains.
        submitted: typeof req.query.q === 'string',
        result,
        // No match: one word may be misspelt; with several, one of them may be the word no record has.
        noMatchKey: (result.kind === 'no-match' && result.words > 1 ? 'cat.noneTryFewerWords' : 'cat.none') satisfies MessageKey,
        records: found ? describeResults(found, res.locals) : [],
        firstNumber: found ? (found.page - 1) * PAGE_SIZE + 1 : 1,
        pageLinks: found
          ? pageLinks(found.page, found.pages).map((link) =>
              link.kind === 'page' ? { ...link, href: searchPageHref({ query, page: link.page }) } : link,
            )
          : [],
        previousHref: found && found.page > 1 ? searchPageHref({ query, page: found.page - 1 }) : undefined,
        nextHref: found && found.page < found.pages ? searchPageHref({ query, page: found.page + 1 }) : undefined,
      });
    },

    show(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      renderRecord(req, res, 200, id);
    },

    /**
     * The address of a refused request, opened again (a bookmark, the address bar, the language
     * switch): the record's page, where the request form is, rather than a 404.
     */
    showRequest(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      res.redirect(303, recordHref(id, readSearchContext(req.query)));
    },

    request(req: Request, res: Response) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      const form = readFields(req.body, ['pickup']);
      if (!form.ok) return renderRecord(req, res, 422, id, { alert: formFailureMessage(form, t, { pickup: 'cat.pickup' }) });
      const result = deps.circulation.placeRequest(res.locals.patron!, id, wholeNumber(form.values.pickup, ROW_ID) ?? 0);
      if (!result.ok) {
        if (result.refusal.code === 'NO_SUCH_RECORD') return renderNotFound(res);
        return renderRecord(req, res, 422, id, { alert: requestRefusalText(result.refusal, res.locals) });
      }
      setNotice(req, 'cat.requested', { title: result.title, position: result.position });
      // Back to the record's own address, with the search it came from: reloading it shows the request, never sends it again.
      res.redirect(303, recordHref(id, readSearchContext(req.query)));
    },
  };
}
