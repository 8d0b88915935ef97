import type { Request, Response } from 'express';
import { AMOUNT_MAX_LENGTH, centsOf } from '../../domain/circulation/payment-amount.js';
import type { MessageKey } from '../../messages/index.js';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import type { CounterService, StaffContext } from '../../services/patrons/counter-service.js';
import type { FinePaymentService, PaymentProblem } from '../../services/circulation/fine-payment-service.js';
import { clientAddress } from '../http/client-address.js';
import { fineReasonText, paymentMethodText } from './fine-labels.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
import { createStaffPatronPage } from '../patrons/staff-patron-page.js';

/** "cash", "octopus", "card": anything longer is not one of them. */
const METHOD_MAX_LENGTH = 16;

/** Each problem next to its field on the patron's page; MORE_THAN_OWED is said with the balance ({amount}). */
const PAYMENT_PROBLEM: Record<PaymentProblem, { field: 'amount' | 'method'; key: MessageKey }> = {
  AMOUNT_INVALID: { field: 'amount', key: 'staff.payment.AMOUNT_INVALID' },
  MORE_THAN_OWED: { field: 'amount', key: 'staff.payment.MORE_THAN_OWED' },
  METHOD_MISSING: { field: 'method', key: 'staff.payment.METHOD_MISSING' },
};

function staffContext(req: Request, res: Response): StaffContext {
  return { staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) };
}

/**
 * Paying fines at the counter: the payment form on the patron's page (POST
 * /staff/patrons/:barcode/payment) and the receipt it leads to (GET …/payments/:id), a page that
 * can be reloaded and printed (its print stylesheet leaves out everything but the receipt).
 */
export function createStaffPaymentController(deps: {
  payments: FinePaymentService;
  counter: CounterService;
  circulation: CirculationService;
}) {
  const { payments, counter } = deps;
  const renderPatron = createStaffPatronPage(deps);

  function notFound(res: Response, message: string) {
    res.status(404).render('staff/not-found', { message });
  }

  return {
    record(req: Request, res: Response) {
      const { t, formatMoney } = res.locals;
      const barcode = String(req.params.barcode);
      const patron = counter.findPatron(barcode);
      if (!patron) return notFound(res, t('staff.patron.notFound', { barcode: barcode.slice(0, 64) }));
      const form = readFields(req.body, ['amount', 'method'], { amount: AMOUNT_MAX_LENGTH, method: METHOD_MAX_LENGTH });
      if (!form.ok)
        return renderPatron(req, res, 422, patron.barcode, {
          alert: formFailureMessage(form, t, { amount: 'staff.payment.amount', method: 'staff.payment.method' }),
        });
      const { amount, method } = form.values;
      const result = payments.record(patron, centsOf(amount), method, staffContext(req, res));
      if (!result.ok) {
        const errors: Record<string, string> = {};
        for (const problem of result.problems) {
          const { field, key } = PAYMENT_PROBLEM[problem];
          errors[field] = t(key, { amount: formatMoney(result.balance) });
        }
        const messages = Object.values(errors);
        return renderPatron(req, res, 422, patron.barcode, {
          alert: messages.length === 1 ? messages[0] : t('form.fixErrors'),
          errors,
          values: { amount: amount.trim(), method },
        });
      }
      setNotice(req, 'staff.payment.done', { name: patron.name, amount: formatMoney(result.balance) });
      res.redirect(303, `/staff/patrons/${encodeURIComponent(patron.barcode)}/payments/${result.paymentId}`);
    },

    showReceipt(req: Request, res: Response) {
      const { t, formatDateTime, formatMoney } = res.locals;
      const barcode = String(req.params.barcode);
      const patron = counter.findPatron(barcode);
      if (!patron) return notFound(res, t('staff.patron.notFound', { barcode: barcode.slice(0, 64) }));
      const paymentId = wholeNumber(req.params.id, ROW_ID);
      const receipt = paymentId === undefined ? undefined : payments.receipt(patron, paymentId);
      if (!receipt) return notFound(res, t('receipt.notFound'));
      const { payment } = receipt;
      res.render('circulation/receipt', {
        patron,
        title: t('receipt.title', { number: payment.id }),
        facts: [
          { label: t('receipt.date'), value: formatDateTime(payment.createdAt) },
          { label: t('receipt.patron'), value: t('receipt.patronValue', { name: patron.name, barcode: patron.barcode }) },
          { label: t('receipt.amount'), value: formatMoney(payment.amount) },
          { label: t('receipt.method'), value: paymentMethodText(payment.method, t) },
          { label: t('receipt.staff'), value: payment.staffUsername ?? t('staff.payment.staffUnknown') },
        ],
        allocations: receipt.allocations.map((line) => ({
          reason: fineReasonText(line.reason, t),
          charged: formatDateTime(line.fineCreatedAt),
          paid: formatMoney(line.paid),
          left: formatMoney(line.leftAfter),
        })),
        balanceAfter: payment.balanceAfter === null ? null : formatMoney(payment.balanceAfter),
        notice: takeNotice(req, t),
      });
    },
  };
}
