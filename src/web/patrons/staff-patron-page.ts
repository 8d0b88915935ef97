import { isAdmin } from '../../domain/staff/staff.js';
import type { Request, Response } from 'express';
import type { RecentAttempt } from '../../domain/auth/attempt-records.js';
import type { IdDocument } from '../../domain/pin/default-pin.js';
import type { MessageKey } from '../../messages/index.js';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import type { CounterService } from '../../services/patrons/counter-service.js';
import { PAYMENT_METHODS } from '../../domain/circulation/payment-method.js';
import { fineReasonText, PAYMENT_METHOD_LABEL, paymentMethodText } from '../circulation/fine-labels.js';
import { PATRON_TYPE_LABEL } from './patron-type-label.js';
import { takeNoticeWithTone } from '../session/session-helpers.js';

export interface PatronPageView {
  alert?: string;
  errors?: Record<string, string>;
  /** What was typed into a form on the page that was refused (never a PIN or an ID number). */
  values?: Record<string, string>;
}

const DOCUMENT_LABEL: Record<IdDocument, MessageKey> = {
  hkid: 'document.hkid',
  passport: 'document.passport',
  mainland_id: 'document.mainland_id',
};

const OUTCOME_LABEL: Record<RecentAttempt['outcome'], MessageKey> = {
  success: 'staff.outcome.success',
  failure: 'staff.outcome.failure',
  pending: 'staff.outcome.pending',
  blocked: 'staff.outcome.blocked',
};

/**
 * The counter's page of one patron (GET /staff/patrons/:barcode), shown again with an
 * alert when an action on it is refused, or a 404 page for an unknown barcode. The
 * addresses that login attempts came from are personal data that the counter does not
 * need: only admins see them.
 */
export function createStaffPatronPage(deps: { counter: CounterService; circulation: CirculationService }) {
  return function renderPatronPage(req: Request, res: Response, status: number, barcode: string, view: PatronPageView = {}): void {
    const { t, formatDate, formatDateTime, formatMoney } = res.locals;
    const overview = deps.counter.overview(barcode);
    if (!overview) {
      res.status(404).render('staff/not-found', { message: t('staff.patron.notFound', { barcode: barcode.slice(0, 64) }) });
      return;
    }
    const { patron } = overview;
    const showAddresses = res.locals.staffMember !== undefined && isAdmin(res.locals.staffMember);
    const circulation = deps.circulation.record(patron);
    const notice = takeNoticeWithTone(req, t);
    res.status(status).render('patrons/patron', {
      ...overview,
      heading: t('staff.patron.heading', { name: patron.name, barcode: patron.barcode }),
      patronTypeLabel: t(PATRON_TYPE_LABEL[patron.patronType]),
      documentLabel: t(DOCUMENT_LABEL[patron.idDocument]),
      attempts: overview.attempts.map((attempt) => ({
        ...attempt,
        clientAddress: showAddresses ? attempt.clientAddress : null,
        outcomeText: t(OUTCOME_LABEL[attempt.outcome], { count: attempt.count }),
      })),
      showAddresses,
      circulation,
      loanLines: circulation.loans.map((loan) => ({
        text: t('staff.patron.loanLine', { item: loan.itemBarcode, title: loan.title, due: formatDate(loan.dueDate) }),
        overdue: loan.overdue,
      })),
      requestLines: circulation.requests.map((request) =>
        t('staff.patron.requestLine', {
          title: request.title,
          status: request.status,
          pickupLocation: t('pickup.name', { code: request.pickupCode, name: request.pickupLocation }),
          readyOn: request.readyAt === null ? '' : formatDateTime(request.readyAt),
          collectBy: request.collectBy === null ? '' : formatDate(request.collectBy),
        }),
      ),
      fineLines: circulation.fines.map((fine) => ({
        date: formatDateTime(fine.createdAt),
        reason: fineReasonText(fine.reason, t),
        amount: formatMoney(fine.amount),
        left: fine.left === 0 ? t('circ.finePaidOff') : formatMoney(fine.left),
      })),
      paymentLines: circulation.payments.map((payment) => ({
        id: payment.id,
        date: formatDateTime(payment.createdAt),
        amount: formatMoney(payment.amount),
        method: paymentMethodText(payment.method, t),
        staff: payment.staffUsername ?? t('staff.payment.staffUnknown'),
      })),
      paymentMethods: PAYMENT_METHODS.map((method) => ({ value: method, label: t(PAYMENT_METHOD_LABEL[method]) })),
      notice: notice?.text,
      noticeWarning: notice?.warning ?? false,
      alert: undefined,
      errors: {},
      values: {},
      ...view,
    });
  };
}
