import type { Request, Response } from 'express';
import type { MessageKey } from '../../messages/index.js';
import type { CirculationService } from '../../services/circulation-service.js';
import type { CheckInResult, CheckOutResult, CounterCirculationService } from '../../services/counter-circulation-service.js';
import type { CounterService, StaffContext } from '../../services/counter-service.js';
import { clientAddress } from '../client-address.js';
import { formFailureMessage, readFields } from '../form-fields.js';
import { takeNotice } from '../session-helpers.js';

function staffContext(req: Request, res: Response): StaffContext {
  return { staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) };
}

/** A barcode field holds at most 32 characters; 64 leaves room for spaces around it. */
const BARCODE_FIELD_MAX = 64;
const BARCODE_LABELS = { patron_barcode: 'staffCirc.patronBarcode', item_barcode: 'staffCirc.itemBarcode' } as const;

type CounterErrorCode = Extract<CheckOutResult | CheckInResult, { ok: false }>['code'];

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

/** At the counter: check out, check in (fine payments: staff-payment-controller). */
export function createStaffCirculationController(deps: { counterCirculation: CounterCirculationService; counter: CounterService; circulation: CirculationService }) {
  const { counterCirculation } = deps;

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
  };
}
