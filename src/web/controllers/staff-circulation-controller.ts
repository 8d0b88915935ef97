import type { Request, Response } from 'express';
import type { MessageKey } from '../../messages/index.js';
import type { CirculationService } from '../../services/circulation-service.js';
import type { CheckInResult, CheckOutResult, CounterCirculationService } from '../../services/counter-circulation-service.js';
import type { CounterService, StaffContext } from '../../services/counter-service.js';
import { AMOUNT_MAX_LENGTH, centsOf } from '../../domain/circulation/payment-amount.js';
import { clientAddress } from '../client-address.js';
import { formFailureMessage, readFields } from '../form-fields.js';
import { setNotice, takeNotice } from '../session-helpers.js';
import { createStaffPatronPage } from './staff-patron-page.js';

function staffContext(req: Request, res: Response): StaffContext {
  return { staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) };
}

/** A barcode field holds at most 32 characters; 64 leaves room for spaces around it. */
const BARCODE_FIELD_MAX = 64;
const BARCODE_LABELS = { patron_barcode: 'staffCirc.patronBarcode', item_barcode: 'staffCirc.itemBarcode' } as const;

type CounterErrorCode = Extract<CheckOutResult | CheckInResult, { ok: false }>['code'];
type PaymentRefusalCode = Extract<ReturnType<CounterCirculationService['recordPayment']>, { ok: false }>['code'];

const COUNTER_ERROR: Record<CounterErrorCode, MessageKey> = {
  NO_SUCH_PATRON: 'staffCirc.error.NO_SUCH_PATRON',
  NO_SUCH_ITEM: 'staffCirc.error.NO_SUCH_ITEM',
  ALREADY_ON_LOAN: 'staffCirc.error.ALREADY_ON_LOAN',
  HELD_FOR_ANOTHER: 'staffCirc.error.HELD_FOR_ANOTHER',
  RECORD_EXPIRED: 'staffCirc.error.RECORD_EXPIRED',
  FINES_OVER_CEILING: 'staffCirc.error.FINES_OVER_CEILING',
  ITEM_MISSING: 'staffCirc.error.ITEM_MISSING',
  NOT_ON_LOAN: 'staffCirc.error.NOT_ON_LOAN',
};

/** Said with the patron's balance ({amount}) on the patron's page. */
const PAYMENT_REFUSAL: Record<PaymentRefusalCode, MessageKey> = {
  AMOUNT_INVALID: 'staff.payment.AMOUNT_INVALID',
  MORE_THAN_OWED: 'staff.payment.MORE_THAN_OWED',
};

/** At the counter: check out, check in, record a fine payment. */
export function createStaffCirculationController(deps: { counterCirculation: CounterCirculationService; counter: CounterService; circulation: CirculationService }) {
  const { counterCirculation } = deps;
  const renderPatron = createStaffPatronPage(deps);

  function render(req: Request, res: Response, status: number, view: { alert?: string; notices?: string[]; values?: Record<string, string> } = {}) {
    const notice = takeNotice(req, res.locals.t);
    res.status(status).render('staff/circulation', { alert: undefined, notices: notice ? [notice] : [], values: {}, errors: {}, ...view });
  }

  return {
    show(req: Request, res: Response) {
      render(req, res, 200);
    },

    checkOut(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['patron_barcode', 'item_barcode'], { patron_barcode: BARCODE_FIELD_MAX, item_barcode: BARCODE_FIELD_MAX });
      if (!form.ok) return render(req, res, 422, { alert: formFailureMessage(form, t, BARCODE_LABELS) });
      const result = counterCirculation.checkOut(form.values.patron_barcode, form.values.item_barcode, staffContext(req, res));
      if (!result.ok) return render(req, res, 422, { alert: t(COUNTER_ERROR[result.code]), values: { patron_barcode: form.values.patron_barcode } });
      render(req, res, 200, {
        notices: [t('staffCirc.checkedOut', { title: result.title, name: result.patron.name, barcode: result.patron.barcode, due: res.locals.formatDate(result.dueDate) })],
        values: { patron_barcode: result.patron.barcode },
      });
    },

    checkIn(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['item_barcode'], { item_barcode: BARCODE_FIELD_MAX });
      if (!form.ok) return render(req, res, 422, { alert: formFailureMessage(form, t, BARCODE_LABELS) });
      const result = counterCirculation.checkIn(form.values.item_barcode, staffContext(req, res));
      if (!result.ok) return render(req, res, 422, { alert: t(COUNTER_ERROR[result.code]) });
      const notices = [t('staffCirc.checkedIn', { title: result.title })];
      if (result.fine.amount > 0 && result.patron) {
        notices.push(t('staffCirc.fineCharged', { days: result.fine.daysLate, amount: res.locals.formatMoney(result.fine.amount), name: result.patron.name }));
      }
      notices.push(result.heldFor ? t('staffCirc.heldFor', { ...result.heldFor, collectBy: res.locals.formatDate(result.heldFor.collectBy) }) : t('staffCirc.toShelf'));
      render(req, res, 200, { notices });
    },

    recordPayment(req: Request, res: Response) {
      const { t } = res.locals;
      const patron = deps.counter.findPatron(String(req.params.barcode));
      if (!patron) return res.status(404).render('staff/not-found', { message: t('staff.patron.notFound', { barcode: String(req.params.barcode).slice(0, 64) }) });
      const form = readFields(req.body, ['amount'], { amount: AMOUNT_MAX_LENGTH });
      if (!form.ok) return renderPatron(req, res, 422, patron.barcode, { alert: formFailureMessage(form, t, { amount: 'staff.payment.amount' }) });
      const result = counterCirculation.recordPayment(patron, centsOf(form.values.amount) ?? 0, staffContext(req, res));
      const path = `/staff/patrons/${encodeURIComponent(patron.barcode)}`;
      if (!result.ok) {
        setNotice(req, PAYMENT_REFUSAL[result.code], { amount: res.locals.formatMoney(result.balance) });
        return res.redirect(303, path);
      }
      setNotice(req, 'staff.payment.done', { name: patron.name, amount: res.locals.formatMoney(result.balance) });
      res.redirect(303, path);
    },
  };
}
