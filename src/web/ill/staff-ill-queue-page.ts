/**
 * The ILL staff queue as a page: requests by status, paged, each with its history and the form for
 * its next status or its copy. The status form and the upload both show it again, with their alert.
 */
import type { Request, Response } from 'express';
import { isIllStatus, ILL_STATUSES, type IllStatus } from '../../domain/ill/ill-request.js';
import type { StatusFormField } from '../../domain/ill/ill-status-flow.js';
import type { IllQueueService } from '../../services/ill/ill-queue-service.js';
import { pageLinks } from '../http/page-links.js';
import { queryText, wholeNumber } from '../http/query-params.js';
import { takeNotice } from '../session/session-helpers.js';
import { detailLines, historyLines, statusText } from './ill-labels.js';

export interface QueueView {
  alert?: string;
  /** The request whose form the alert is about, and its fields' errors. */
  formFor?: number;
  errors?: Partial<Record<StatusFormField | 'file', string[]>>;
  values?: Partial<Record<StatusFormField, string>>;
}

/** The queue's filter and page, from the query: kept across each form's POST and its 303. */
function queueQuery(req: Request): { status: IllStatus | null; page: number; query: string } {
  const raw = queryText(req.query.status, 20);
  const status = isIllStatus(raw) ? raw : null;
  const page = wholeNumber(req.query.page, { min: 1, max: 1_000_000 }) ?? 1;
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return { status, page, query: query === '' ? '' : `?${query}` };
}

/** Built by each staff ILL controller that answers with the queue. */
export function createStaffIllQueuePage(deps: { ill: IllQueueService; uploadMaxMb: number }) {
  const { ill } = deps;

  function render(req: Request, res: Response, status: number, view: QueueView = {}) {
    const { t } = res.locals;
    const asked = queueQuery(req);
    const queue = ill.queue(asked.status, asked.page);
    const href = (page: number) => {
      const params = new URLSearchParams();
      if (asked.status) params.set('status', asked.status);
      params.set('page', String(page));
      return `/staff/ill?${params.toString()}`;
    };
    res.status(status).render('ill/staff-queue', {
      filter: asked.status,
      query: asked.query,
      statuses: ILL_STATUSES.map((s) => ({ value: s, text: statusText(s, t, 'staff') })),
      total: queue.total,
      requests: queue.requests.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.articleTitle ?? r.title,
        source: r.articleTitle === null ? null : r.title,
        kindText: t(r.kind === 'book' ? 'ill.kind.book' : 'ill.kind.article'),
        status: r.status,
        statusText: statusText(r.status, t, 'staff'),
        patron: t('staffIll.patronName', { name: r.patronName, barcode: r.patronBarcode }),
        createdAt: r.createdAt,
        notNeededAfter: r.notNeededAfter,
        details: detailLines(r, t),
        note: r.note,
        declaredAt: r.declaredAt,
        lender: r.lender,
        dueDate: r.dueDate,
        copy: r.copy,
        copyAllowed: ill.limitsOfType(r.patronType).copyDownloads,
        copyDays: ill.limitsOfType(r.patronType).copyDays,
        history: historyLines(r.history, res.locals, 'staff'),
        next: r.next.map((s) => ({ value: s, text: statusText(s, t, 'staff') })),
        needs: {
          lender: r.next.includes('sent'),
          dueDate: r.kind === 'book' && r.next.includes('received'),
          reason: r.next.includes('unfilled'),
        },
        mayUpload: r.mayUpload,
      })),
      pageLinks: pageLinks(queue.page, queue.pages).map((link) => (link.kind === 'page' ? { ...link, href: href(link.page) } : link)),
      previousHref: queue.page > 1 ? href(queue.page - 1) : undefined,
      nextHref: queue.page < queue.pages ? href(queue.page + 1) : undefined,
      uploadMaxMb: deps.uploadMaxMb,
      notice: takeNotice(req, t),
      alert: undefined,
      formFor: undefined,
      values: {},
      ...view,
      // Keyed by the id of the field on the page (a form per request): status-7, file-7.
      errors: Object.fromEntries(Object.entries(view.errors ?? {}).map(([field, messages]) => [`${field}-${view.formFor ?? 0}`, messages])),
    });
  }

  return {
    render,

    /** After a change: the queue as it was filtered and paged, at the request changed. */
    backToQueue(req: Request, res: Response, id: number) {
      res.redirect(303, `/staff/ill${queueQuery(req).query}#request-${id}`);
    },

    /** A request's status in words, for an alert; empty when there is no such request. */
    statusOf(id: number, t: Response['locals']['t']): string {
      const status = ill.statusOf(id);
      return status ? statusText(status, t, 'staff') : '';
    },
  };
}
