import type { NextFunction, Request, Response } from 'express';
import { isIllStatus, ILL_STATUSES, type IllStatus } from '../../domain/ill/ill-request.js';
import {
  isStaffStatus,
  LENDER_MAX_LENGTH,
  REASON_MAX_LENGTH,
  type StatusFormField,
  type StatusProblemCode,
} from '../../domain/ill/ill-status-flow.js';
import type { MessageKey } from '../../messages/index.js';
import type { StaffActor } from '../../services/ill/ill-change-notes.js';
import type { DeliverResult, IllCopyService } from '../../services/ill/ill-copy-service.js';
import type { IllQueueService } from '../../services/ill/ill-queue-service.js';
import type { UploadFailure } from '../../services/uploads/upload-store.js';
import { clientAddress } from '../http/client-address.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { readUpload } from '../http/multipart-upload.js';
import { pageLinks } from '../http/page-links.js';
import { queryText, ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
import { detailLines, historyLines, statusText } from './ill-labels.js';

const STATUS_PROBLEM: Record<StatusProblemCode, MessageKey> = {
  STATUS_NOT_NEXT: 'staffIll.problem.STATUS_NOT_NEXT',
  LENDER_REQUIRED: 'staffIll.problem.LENDER_REQUIRED',
  LENDER_TOO_LONG: 'staffIll.problem.LENDER_TOO_LONG',
  DUE_DATE_REQUIRED: 'staffIll.problem.DUE_DATE_REQUIRED',
  DUE_DATE_MALFORMED: 'staffIll.problem.DUE_DATE_MALFORMED',
  DUE_DATE_PAST: 'staffIll.problem.DUE_DATE_PAST',
  REASON_REQUIRED: 'staffIll.problem.REASON_REQUIRED',
  REASON_TOO_LONG: 'staffIll.problem.REASON_TOO_LONG',
};

const STATUS_LABELS: Record<StatusFormField | 'seen', MessageKey> = {
  status: 'staffIll.newStatus',
  lender: 'staffIll.lender',
  due_date: 'staffIll.dueDate',
  reason: 'staffIll.reason',
  seen: 'staffIll.newStatus',
};

/** Answers of a refused upload: the page status and its words. */
const UPLOAD_FAILURE: Record<UploadFailure, { status: number; key: MessageKey }> = {
  'too-large': { status: 413, key: 'upload.tooLarge' },
  'wrong-kind': { status: 422, key: 'upload.wrongKind' },
  empty: { status: 422, key: 'upload.empty' },
  interrupted: { status: 400, key: 'upload.interrupted' },
};

interface QueueView {
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

/** The ILL staff queue: requests by status, a form for each one's next status, the copy's upload. */
export function createStaffIllController(deps: {
  ill: IllQueueService;
  copies: IllCopyService;
  uploadMaxMb: number;
  validFormToken: (req: Request, token: string) => boolean;
  invalidTokenError: () => Error;
}) {
  const { ill, copies } = deps;
  const maxBytes = deps.uploadMaxMb * 1024 * 1024;

  function actor(req: Request, res: Response): StaffActor {
    return { staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) };
  }

  function renderQueue(req: Request, res: Response, status: number, view: QueueView = {}) {
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

  function backToQueue(req: Request, res: Response, id: number) {
    res.redirect(303, `/staff/ill${queueQuery(req).query}#request-${id}`);
  }

  function answerDelivery(req: Request, res: Response, id: number, result: DeliverResult) {
    const { t } = res.locals;
    switch (result.kind) {
      case 'delivered':
        setNotice(req, 'staffIll.delivered', { title: result.title, size: res.locals.formatFileSize(result.size), sha256: result.sha256 });
        return backToQueue(req, res, id);
      case 'not-found':
        return renderNotFound(res);
      case 'not-deliverable':
        return renderQueue(req, res, 409, { alert: t('staffIll.upload.notDeliverable', { id, status: statusOf(id, t) }), formFor: id });
      case 'upload-failed': {
        const failure = UPLOAD_FAILURE[result.failure];
        const alert = t(failure.key, { max: deps.uploadMaxMb });
        return renderQueue(req, res, failure.status, { alert, formFor: id, errors: { file: [alert] } });
      }
    }
  }

  function statusOf(id: number, t: Response['locals']['t']): string {
    const status = ill.statusOf(id);
    return status ? statusText(status, t, 'staff') : '';
  }

  return {
    show(req: Request, res: Response) {
      renderQueue(req, res, 200);
    },

    changeStatus(req: Request, res: Response) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      const form = readFields(req.body, ['status', 'lender', 'due_date', 'reason', 'seen'], {
        lender: LENDER_MAX_LENGTH * 2,
        reason: REASON_MAX_LENGTH * 2,
      });
      if (!form.ok) return renderQueue(req, res, 422, { alert: formFailureMessage(form, t, STATUS_LABELS), formFor: id });
      const { values } = form;
      if (!isStaffStatus(values.status)) {
        if (!ill.statusOf(id)) return renderNotFound(res);
        const message = t('staffIll.problem.STATUS_NOT_NEXT', { status: statusOf(id, t) });
        return renderQueue(req, res, 422, { alert: t('staffIll.notChanged', { id }), formFor: id, errors: { status: [message] }, values });
      }
      const seen = isIllStatus(values.seen) ? values.seen : undefined;
      const result = ill.changeStatus(
        actor(req, res),
        id,
        { status: values.status, lender: values.lender, dueDate: values.due_date, reason: values.reason },
        seen,
      );
      switch (result.kind) {
        case 'not-found':
          return renderNotFound(res);
        case 'moved-on':
          setNotice(req, 'staffIll.movedOn', { title: result.title });
          return backToQueue(req, res, id);
        case 'invalid': {
          const errors: Partial<Record<StatusFormField, string[]>> = {};
          for (const p of result.problems) {
            const max = p.field === 'lender' ? LENDER_MAX_LENGTH : REASON_MAX_LENGTH;
            (errors[p.field] ??= []).push(t(STATUS_PROBLEM[p.code], { status: statusText(result.request.status, t, 'staff'), max }));
          }
          return renderQueue(req, res, 422, { alert: t('staffIll.notChanged', { id }), formFor: id, errors, values });
        }
        case 'changed':
          setNotice(req, 'staffIll.changed', { id, title: result.title, status: statusText(result.status, t, 'staff') });
          return backToQueue(req, res, id);
      }
    },

    /**
     * POST /staff/ill/:id/copy, multipart: `_csrf`, then `file`. The guards have checked the session
     * and the role; the token is checked here before the file is read (multipart-upload.ts).
     */
    async uploadCopy(req: Request, res: Response, next: NextFunction) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const outcome = await readUpload(req, {
        fileField: 'file',
        maxBytes,
        validToken: (token) => deps.validFormToken(req, token),
        onFile: (file) =>
          id === undefined ? Promise.resolve<DeliverResult>({ kind: 'not-found' }) : copies.deliver(actor(req, res), id, file),
      });
      switch (outcome.kind) {
        case 'csrf':
          return next(deps.invalidTokenError());
        case 'too-large':
          return renderQueue(req, res, 413, {
            alert: t('upload.tooLarge', { max: deps.uploadMaxMb }),
            formFor: id,
            errors: { file: [t('upload.tooLarge', { max: deps.uploadMaxMb })] },
          });
        case 'no-file':
          if (id === undefined || !ill.statusOf(id)) return renderNotFound(res);
          return renderQueue(req, res, 422, {
            alert: t('upload.noFile'),
            formFor: id,
            errors: { file: [t('upload.noFile')] },
          });
        case 'malformed':
          return renderQueue(req, res, 400, { alert: t('upload.malformed'), formFor: id });
        case 'handled':
          return answerDelivery(req, res, id ?? 0, outcome.value);
      }
    },
  };
}
