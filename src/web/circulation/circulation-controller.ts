import type { Request, Response } from 'express';
import type { RequestStatus, RequestView } from '../../domain/circulation/request.js';
import type { Localizer, MessageKey } from '../../messages/index.js';
import { renderNotFound } from '../middleware/error-pages.js';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import { isOpenRequest } from '../../services/circulation/patron-requests.js';
import { paymentMethodText } from './fine-labels.js';
import { queryText, ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';

/**
 * A ready request is said with its dates (circ.status.ready), one in transit with where it is going
 * (circ.status.in_transit); every other status in words of its own.
 */
const REQUEST_STATUS: Record<Exclude<RequestStatus, 'ready' | 'in_transit'>, MessageKey> = {
  waiting: 'circ.status.waiting',
  collected: 'circ.status.collected',
  cancelled: 'circ.status.cancelled',
};

function requestStatusText(request: RequestView, l: Pick<Localizer, 't' | 'formatDate' | 'formatDateTime'>): string {
  if (request.status === 'in_transit')
    return l.t('circ.status.in_transit', {
      pickupLocation: l.t('pickup.name', { code: request.pickupCode, name: request.pickupLocation }),
    });
  if (request.status !== 'ready') return l.t(REQUEST_STATUS[request.status]);
  // A ready request was given both dates when its copy was put on the hold shelf.
  return l.t('circ.status.ready', {
    readyOn: request.readyAt === null ? '' : l.formatDateTime(request.readyAt),
    collectBy: request.collectBy === null ? '' : l.formatDate(request.collectBy),
  });
}

/** The cancel page's way back: the record page it was reached from, or the circulation record. */
function backFrom(from: string, request: RequestView): string {
  return from === 'record' ? `/catalogue/${request.recordId}` : '/myrecord/circulation';
}

/** View your Circulation Record: loans, requests (cancelling one, after a page that asks to confirm), fines. */
export function createCirculationController(deps: { circulation: CirculationService }) {
  return {
    show(req: Request, res: Response) {
      const { t } = res.locals;
      const record = deps.circulation.record(res.locals.patron!);
      const requests = record.requests.map((request) => ({ ...request, statusText: requestStatusText(request, res.locals) }));
      const fines = record.fines.map((fine) => ({
        ...fine,
        text:
          fine.reason.kind === 'overdue'
            ? t('fine.reason.overdue', { title: fine.reason.title, days: fine.reason.daysLate })
            : fine.reason.text,
      }));
      // A payment as the patron sees it: when, how much, how, and its receipt number (not who took it).
      const payments = record.payments.map((payment) => ({
        id: payment.id,
        createdAt: payment.createdAt,
        amount: payment.amount,
        methodText: paymentMethodText(payment.method, t),
      }));
      res.render('circulation/circulation', { ...record, requests, fines, payments, notice: takeNotice(req, t) });
    },

    /** GET: "Cancel your request for …?", naming the title, with the button and a way back (no script needed). */
    confirmCancel(req: Request, res: Response) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const request = id === undefined ? undefined : deps.circulation.requestOf(res.locals.patron!, id);
      if (!request) return renderNotFound(res);
      if (!isOpenRequest(request)) {
        setNotice(req, 'circ.cancelGone', { title: request.title });
        return res.redirect(303, '/myrecord/circulation');
      }
      res.render('circulation/cancel-request', {
        request: { ...request, statusText: requestStatusText(request, res.locals) },
        back: backFrom(queryText(req.query.from, 16), request),
        title: t('cancel.title'),
      });
    },

    /** POST: cancels, then a 303 to the circulation record with a notice, so a reload resends nothing. */
    cancelRequest(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result =
        id === undefined ? ({ ok: false, reason: 'not-found' } as const) : deps.circulation.cancelRequest(res.locals.patron!, id);
      if (!result.ok && result.reason === 'not-found') return renderNotFound(res);
      if (result.ok) setNotice(req, 'circ.cancelled', { title: result.title });
      else setNotice(req, 'circ.cancelGone', { title: result.title });
      res.redirect(303, '/myrecord/circulation');
    },
  };
}
