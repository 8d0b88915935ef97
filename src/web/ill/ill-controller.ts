import type { Request, Response } from 'express';
import { ARTICLE_FIELDS, BOOK_FIELDS, type IllField } from '../../domain/ill/ill-form.js';
import { isIllKind, type IllKind } from '../../domain/ill/ill-request.js';
import type { IllCopyService } from '../../services/ill/ill-copy-service.js';
import type { IllService } from '../../services/ill/ill-service.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { pageLinks } from '../http/page-links.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
import { sendStoredFile } from '../http/stored-file.js';
import { formAnswer, type FormView } from './ill-form-answer.js';
import { copyText, detailLines, historyLines, ILL_FIELD_LABEL, statusText } from './ill-labels.js';

const FIELDS: Record<IllKind, readonly IllField[]> = { book: BOOK_FIELDS, article: ARTICLE_FIELDS };

/** A page number from the query: anything but digits is the first page; past the last is the last. */
function pageAsked(value: unknown): number {
  return wholeNumber(value, { min: 1, max: 1_000_000 }) ?? 1;
}

/** Interlibrary Loan Request, for the patron: his requests, the two forms, cancelling, the copy. */
export function createIllController(deps: { ill: IllService; copies: IllCopyService }) {
  const { ill, copies } = deps;

  function renderForm(req: Request, res: Response, status: number, kind: IllKind, view: FormView) {
    const patron = res.locals.patron!;
    const state = ill.formState(patron, kind);
    res.status(status).render('ill/new', {
      kind,
      state,
      fields: FIELDS[kind],
      labels: ILL_FIELD_LABEL,
      action: `/myrecord/ill/new?kind=${kind}`,
      notice: takeNotice(req, res.locals.t),
      alert: undefined,
      onShelf: undefined,
      allOnLoan: undefined,
      duplicateOf: undefined,
      ...view,
    });
  }

  /** The delivered PDF, to its own patron only; counted before a byte is sent. */
  async function sendCopy(res: Response, id: number): Promise<void> {
    const result = await copies.download(res.locals.patron!, id);
    if (result.kind === 'not-found') return renderNotFound(res);
    if (result.kind === 'gone') return res.status(410).render('ill/copy-gone', { text: copyText(result.state, res.locals) });
    sendStoredFile(res, result, { type: 'application/pdf', filename: `interlibrary-loan-${id}.pdf` });
  }

  return {
    list(req: Request, res: Response) {
      const { t } = res.locals;
      const patron = res.locals.patron!;
      const list = ill.listOf(patron, pageAsked(req.query.page));
      const requests = list.requests.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.articleTitle ?? r.title,
        source: r.articleTitle === null ? null : r.title,
        kindText: t(r.kind === 'book' ? 'ill.kind.book' : 'ill.kind.article'),
        statusText: statusText(r.status, t),
        createdAt: r.createdAt,
        notNeededAfter: r.notNeededAfter,
        lender: r.lender,
        dueDate: r.dueDate,
        details: detailLines(r, t),
        history: historyLines(r.history, res.locals),
        copyText: r.copyState ? copyText(r.copyState, res.locals) : null,
        downloadable: r.copyState?.kind === 'available',
        mayCancel: r.mayCancel,
      }));
      const href = (page: number) => `/myrecord/ill?page=${page}`;
      res.render('ill/list', {
        requests,
        total: list.total,
        open: list.open,
        limits: list.limits,
        mayUse: list.limits.openAllowed > 0 && (list.limits.booksAllowed || list.limits.copiesAllowed),
        pageLinks: pageLinks(list.page, list.pages).map((link) => (link.kind === 'page' ? { ...link, href: href(link.page) } : link)),
        previousHref: list.page > 1 ? href(list.page - 1) : undefined,
        nextHref: list.page < list.pages ? href(list.page + 1) : undefined,
        notice: takeNotice(req, t),
      });
    },

    showForm(req: Request, res: Response) {
      const kind = req.query.kind;
      if (!isIllKind(kind)) return renderNotFound(res);
      renderForm(req, res, 200, kind, { values: {}, errors: {} });
    },

    submit(req: Request, res: Response) {
      const { t } = res.locals;
      const kind = req.query.kind;
      if (!isIllKind(kind)) return renderNotFound(res);
      const names = [...FIELDS[kind], 'confirm_on_loan'] as const;
      // Twice the longest each field may be: the rules say precisely (ill-form.ts), with every problem at once.
      const form = readFields(req.body, names, { note: 2000 });
      if (!form.ok) return renderForm(req, res, 422, kind, { values: {}, errors: {}, alert: formFailureMessage(form, t, ILL_FIELD_LABEL) });
      const values = form.values;
      const result = ill.request(res.locals.patron!, kind, values, { confirmOnLoan: values.confirm_on_loan !== '' });
      if (result.kind !== 'created') return renderForm(req, res, 422, kind, formAnswer(result, values, t));
      setNotice(req, 'ill.requested', { title: result.title });
      res.redirect(303, '/myrecord/ill');
    },

    cancel(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : ill.cancel(res.locals.patron!, id);
      if (result.kind === 'not-found') return renderNotFound(res);
      setNotice(req, result.kind === 'cancelled' ? 'ill.cancelled' : 'ill.cancelClosed', { title: result.title });
      res.redirect(303, '/myrecord/ill');
    },

    /**
     * The copy's address, as the library's guides give it: the PDF for the patron who opens it himself
     * (a bookmark, the address typed, a link on our own page, a script with his session), counted.
     * A copy is deleted after its fifth download, so a GET that is not the patron's own act counts
     * nothing and leads to the page with the button: a HEAD (link checkers), a prefetch, and a
     * navigation from another site (SameSite=Lax sends the session cookie with a top-level GET, so
     * an attacker's page could use up the five by sending the patron's browser here). Browsers say
     * where a request comes from in Sec-Fetch-Site; one that does not send it is taken at its word.
     */
    async copyLink(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      const site = req.get('sec-fetch-site');
      const prefetch = /prefetch|prerender/i.test(`${req.get('sec-purpose') ?? ''} ${req.get('purpose') ?? ''}`);
      const ownAct = site === undefined || site === 'same-origin' || site === 'none';
      if (req.method === 'HEAD' || prefetch || !ownAct) return res.redirect(303, `/myrecord/ill#request-${id}`);
      await sendCopy(res, id);
    },

    /** The download button on the patron's page: a POST with the page's CSRF token, counted. */
    async download(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      await sendCopy(res, id);
    },
  };
}
