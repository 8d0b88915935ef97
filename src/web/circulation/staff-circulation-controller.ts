import type { Request, Response } from 'express';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import type { CounterCirculationService } from '../../services/circulation/counter-circulation-service.js';
import type { CounterService, StaffContext } from '../../services/patrons/counter-service.js';
import { clientAddress } from '../http/client-address.js';
import type { CounterLocation } from './counter-location.js';
import { beginCheckout, clearCheckIns, issuedTo, recordCheckIn, recordIssue, setCounterResult } from './counter-session.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { queryText } from '../http/query-params.js';
import { setNotice } from '../session/session-helpers.js';
import { checkoutPath, counterErrorText, createCounterPage, ERROR_ABOUT } from './staff-counter-page.js';

function staffContext(req: Request, res: Response): StaffContext {
  return { staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) };
}

/** A barcode field holds at most 32 characters; 64 leaves room for spaces around it. */
const BARCODE_FIELD_MAX = 64;
const BARCODE_LABELS = { patron_barcode: 'staffCirc.patronBarcode', item_barcode: 'staffCirc.itemBarcode' } as const;

/** The counter with the cursor in the check-in box, still serving the patron at check-out if there is one. */
const backToCheckIn = (patronBarcode: string | undefined) =>
  patronBarcode === undefined ? '/staff/circulation?focus=checkin' : `${checkoutPath(patronBarcode)}&focus=checkin`;

/**
 * At the counter: check out and check in (fine payments: staff-payment-controller). Each scan that succeeds ends in a
 * 303 to a page that can be reloaded (its outcome is kept in the session and shown once), with
 * the cursor where the next scan goes; a refused scan is shown at once with 422 and changes no loan or copy.
 * Every check-in scan, refused or not, also joins the session's list of check-ins (counter-session.ts).
 */
export function createStaffCirculationController(deps: {
  counterCirculation: CounterCirculationService;
  counter: CounterService;
  circulation: CirculationService;
  place: CounterLocation;
}) {
  const { counterCirculation, counter, place } = deps;
  const renderCounter = createCounterPage(deps);

  return {
    show(req: Request, res: Response) {
      const { t } = res.locals;
      const focus = queryText(req.query.focus, 16) === 'checkin' ? 'checkin' : undefined;
      const patronBarcode = queryText(req.query.patron, BARCODE_FIELD_MAX).trim();
      if (patronBarcode === '') return renderCounter(req, res, 200, { focus });
      const patron = counter.findPatron(patronBarcode);
      if (!patron) {
        const message = counterErrorText(t, 'NO_SUCH_PATRON', patronBarcode);
        return renderCounter(req, res, 404, { patronBarcode, focus: 'patron', alert: message, errors: { patron_barcode: message } });
      }
      renderCounter(req, res, 200, { patron, focus });
    },

    checkOut(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['patron_barcode', 'item_barcode'], {
        patron_barcode: BARCODE_FIELD_MAX,
        item_barcode: BARCODE_FIELD_MAX,
      });
      if (!form.ok) return renderCounter(req, res, 422, { alert: formFailureMessage(form, t, BARCODE_LABELS) });
      const patronBarcode = form.values.patron_barcode.trim();
      const itemBarcode = form.values.item_barcode.trim();
      if (patronBarcode === '') {
        const message = t('staffCirc.patronMissing');
        return renderCounter(req, res, 422, { focus: 'patron', alert: message, errors: { patron_barcode: message } });
      }
      const patron = counter.findPatron(patronBarcode);
      if (!patron) {
        const message = counterErrorText(t, 'NO_SUCH_PATRON', patronBarcode);
        return renderCounter(req, res, 422, { patronBarcode, focus: 'patron', alert: message, errors: { patron_barcode: message } });
      }
      // The patron's card alone (a scanner sends Enter after it): their check-out session begins.
      if (itemBarcode === '') {
        beginCheckout(req, patron.barcode);
        return res.redirect(303, checkoutPath(patron.barcode));
      }
      const result = counterCirculation.checkOut(patron.barcode, itemBarcode, staffContext(req, res));
      if (!result.ok) {
        const about = ERROR_ABOUT[result.code] === 'patron' ? patron.barcode : itemBarcode;
        const message = counterErrorText(t, result.code, about, result.code === 'IN_TRANSIT_FOR_ANOTHER' ? result.to : undefined);
        return renderCounter(req, res, 422, { patron, focus: 'item', alert: message, errors: { item_barcode: message } });
      }
      recordIssue(req, patron.barcode, result.loanId);
      setCounterResult(req, {
        kind: 'checked-out',
        title: result.title,
        name: patron.name,
        barcode: patron.barcode,
        dueDate: result.dueDate,
      });
      res.redirect(303, checkoutPath(patron.barcode));
    },

    checkIn(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['item_barcode', 'patron_barcode'], {
        item_barcode: BARCODE_FIELD_MAX,
        patron_barcode: BARCODE_FIELD_MAX,
      });
      if (!form.ok) return renderCounter(req, res, 422, { focus: 'checkin', alert: formFailureMessage(form, t, BARCODE_LABELS) });
      // A patron being served at check-out stays so across a check-in (a hidden field of the form).
      const servingBarcode = form.values.patron_barcode.trim();
      const patron = servingBarcode === '' ? undefined : counter.findPatron(servingBarcode);
      const itemBarcode = form.values.item_barcode.trim();
      if (itemBarcode === '') {
        const message = t('staffCirc.itemMissing');
        return renderCounter(req, res, 422, { patron, focus: 'checkin', alert: message, errors: { checkin_item: message } });
      }
      const result = counterCirculation.checkIn(itemBarcode, place.of(req).location.id, staffContext(req, res));
      if (!result.ok) {
        // Refused scans are listed too: the clerk sees later which barcode of the pile was not taken.
        recordCheckIn(req, { kind: 'refused', itemBarcode, code: result.code, title: result.code === 'NOT_ON_LOAN' ? result.title : null });
        const message = counterErrorText(t, result.code, itemBarcode);
        return renderCounter(req, res, 422, { patron, focus: 'checkin', alert: message, errors: { checkin_item: message } });
      }
      const fine = result.fine.amount > 0 && result.patron ? { ...result.fine, name: result.patron.name } : null;
      const checkedIn = { kind: 'checked-in', itemBarcode, title: result.title, fine, destination: result.destination } as const;
      setCounterResult(req, checkedIn);
      recordCheckIn(req, checkedIn);
      res.redirect(303, backToCheckIn(patron?.barcode));
    },

    /** "Clear the list": this session's check-ins are forgotten; nothing else changes. */
    clearCheckIns(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['patron_barcode'], { patron_barcode: BARCODE_FIELD_MAX });
      if (!form.ok) return renderCounter(req, res, 422, { focus: 'checkin', alert: formFailureMessage(form, t, BARCODE_LABELS) });
      const servingBarcode = form.values.patron_barcode.trim();
      const patron = servingBarcode === '' ? undefined : counter.findPatron(servingBarcode);
      clearCheckIns(req);
      setNotice(req, 'staffCirc.checkIns.cleared');
      res.redirect(303, backToCheckIn(patron?.barcode));
    },

    /** "Your counter": where this browser is, for every check-in made from it. */
    chooseCounter(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['counter'], { counter: BARCODE_FIELD_MAX });
      if (!form.ok) return renderCounter(req, res, 422, { alert: formFailureMessage(form, t, { counter: 'staffCirc.counter.label' }) });
      const location = place.choose(req, res, form.values.counter);
      if (!location) {
        const message = t('staffCirc.counter.unknown');
        return renderCounter(req, res, 422, { alert: message, errors: { counter: message } });
      }
      setNotice(req, 'staffCirc.counter.set', { name: res.locals.t('pickup.name', { code: location.code, name: location.name }) });
      res.redirect(303, '/staff/circulation');
    },

    /** A printable slip of what was issued to the patron in this session (GET /staff/circulation/slip?patron=…). */
    slip(req: Request, res: Response) {
      const { t, formatDate } = res.locals;
      const barcode = queryText(req.query.patron, BARCODE_FIELD_MAX).trim();
      const patron = barcode === '' ? undefined : counter.findPatron(barcode);
      if (!patron) return res.status(404).render('staff/not-found', { message: t('staff.patron.notFound', { barcode }) });
      const loans = counterCirculation.issuedLoans(patron, issuedTo(req, patron.barcode));
      res.render('circulation/slip', {
        patron: { name: patron.name, barcode: patron.barcode },
        date: formatDate(deps.circulation.today()),
        loans: loans.map((loan) => ({ title: loan.title, itemBarcode: loan.itemBarcode, due: formatDate(loan.dueDate) })),
        backHref: checkoutPath(patron.barcode),
      });
    },
  };
}
