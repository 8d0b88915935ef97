import type { Request, Response } from 'express';
import type { Patron } from '../../domain/patron.js';
import type { Localizer } from '../../messages/index.js';
import type { CounterCirculationService } from '../../services/counter-circulation-service.js';
import type { CounterLocation } from '../counter-location.js';
import { issuedTo, takeCounterResult, type CounterResult } from '../counter-session.js';
import { takeNotice } from '../session-helpers.js';

/** The box the cursor is in when the page opens: the scanner types into it. */
export type CounterFocus = 'patron' | 'item' | 'checkin';

export interface CounterPageView {
  /** The patron being served at check-out, if known. */
  patron?: Patron;
  /** The patron barcode as typed (shown again when it matched nobody). */
  patronBarcode?: string;
  focus?: CounterFocus;
  alert?: string;
  errors?: Partial<Record<'patron_barcode' | 'item_barcode' | 'checkin_item' | 'counter', string>>;
}

/** One line of the outcome; `action` marks what the member of staff must do with the book. */
interface ResultLine {
  text: string;
  action: boolean;
}

/** The outcome of the last check-out or check-in, in the reader's words. */
export function resultLines(result: CounterResult, l: Pick<Localizer, 't' | 'formatDate' | 'formatMoney'>): ResultLine[] {
  const { t } = l;
  if (result.kind === 'checked-out') {
    return [
      {
        text: t('staffCirc.checkedOut', {
          title: result.title,
          name: result.name,
          barcode: result.barcode,
          due: l.formatDate(result.dueDate),
        }),
        action: false,
      },
    ];
  }
  const lines: ResultLine[] = [{ text: t('staffCirc.checkedIn', { title: result.title }), action: false }];
  if (result.fine)
    lines.push({
      text: t('staffCirc.fineCharged', { days: result.fine.daysLate, amount: l.formatMoney(result.fine.amount), name: result.fine.name }),
      action: false,
    });
  const to = result.destination;
  if (to.kind === 'shelf') lines.push({ text: t('staffCirc.toShelf'), action: true });
  else if (to.kind === 'hold-shelf')
    lines.push({
      text: t('staffCirc.heldFor', { name: to.name, barcode: to.barcode, collectBy: l.formatDate(to.collectBy) }),
      action: true,
    });
  else lines.push({ text: t('staffCirc.inTransit', { to: t('pickup.name', to.to), name: to.name, barcode: to.barcode }), action: true });
  return lines;
}

/**
 * The counter's page (GET /staff/circulation): check-out for the patron being served, with
 * what was issued to them so far in this session, and check-in at this browser's counter.
 * Shown again with an alert when a scan is refused.
 */
export function createCounterPage(deps: { counterCirculation: CounterCirculationService; place: CounterLocation }) {
  return function renderCounterPage(req: Request, res: Response, status: number, view: CounterPageView = {}): void {
    const { t, formatDate } = res.locals;
    const { patron } = view;
    const result = takeCounterResult(req);
    const notice = takeNotice(req, t);
    const issued = patron ? deps.counterCirculation.issuedLoans(patron, issuedTo(req, patron.barcode)) : [];
    const here = deps.place.of(req);
    res.status(status).render('staff/circulation', {
      resultLines: result ? resultLines(result, res.locals) : [],
      notice,
      alert: view.alert,
      errors: view.errors ?? {},
      focus: view.focus ?? (patron ? 'item' : 'patron'),
      patronBarcode: patron?.barcode ?? view.patronBarcode ?? '',
      patron: patron ? { name: patron.name, barcode: patron.barcode } : null,
      issued: issued.map((loan) => ({ title: loan.title, itemBarcode: loan.itemBarcode, due: formatDate(loan.dueDate) })),
      counter: { here: here.location, chosen: here.chosen, all: deps.counterCirculation.counters() },
    });
  };
}
