import type { Request, Response } from 'express';
import type { CheckoutBlock } from '../../domain/circulation/checkout-policy.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Localizer, MessageKey, Translate } from '../../messages/index.js';
import type {
  CheckInResult,
  CheckOutResult,
  CounterCirculationService,
  PickupPlace,
} from '../../services/circulation/counter-circulation-service.js';
import type { CounterService } from '../../services/patrons/counter-service.js';
import type { CounterLocation } from './counter-location.js';
import {
  CHECK_IN_LIST_MAX,
  checkIns,
  issuedTo,
  takeCounterResult,
  type CheckedIn,
  type CheckInEntry,
  type CounterResult,
} from './counter-session.js';
import { takeNotice } from '../session/session-helpers.js';

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

export type CounterErrorCode = Extract<CheckOutResult | CheckInResult, { ok: false }>['code'];

/** Each refusal at the counter in words; every one names the barcode it is about (the patron's or the item's). */
const COUNTER_ERROR: Record<CounterErrorCode, MessageKey> = {
  NO_SUCH_PATRON: 'staffCirc.error.NO_SUCH_PATRON',
  NO_SUCH_ITEM: 'staffCirc.error.NO_SUCH_ITEM',
  ALREADY_ON_LOAN: 'staffCirc.error.ALREADY_ON_LOAN',
  HELD_FOR_ANOTHER: 'staffCirc.error.HELD_FOR_ANOTHER',
  IN_TRANSIT_FOR_ANOTHER: 'staffCirc.error.IN_TRANSIT_FOR_ANOTHER',
  RECORD_EXPIRED: 'staffCirc.error.RECORD_EXPIRED',
  FINES_OVER_CEILING: 'staffCirc.error.FINES_OVER_CEILING',
  ITEM_MISSING: 'staffCirc.error.ITEM_MISSING',
  NOT_ON_LOAN: 'staffCirc.error.NOT_ON_LOAN',
};

/** Whose barcode a refusal is about: the patron's blocks and an unknown card name the card, the rest the item. */
export const ERROR_ABOUT: Record<CounterErrorCode, 'patron' | 'item'> = {
  NO_SUCH_PATRON: 'patron',
  RECORD_EXPIRED: 'patron',
  FINES_OVER_CEILING: 'patron',
  NO_SUCH_ITEM: 'item',
  ALREADY_ON_LOAN: 'item',
  HELD_FOR_ANOTHER: 'item',
  IN_TRANSIT_FOR_ANOTHER: 'item',
  ITEM_MISSING: 'item',
  NOT_ON_LOAN: 'item',
};

/** A refusal in the reader's words, naming `barcode` (shown escaped, as every value on the page). */
export function counterErrorText(t: Translate, code: CounterErrorCode, barcode: string, to?: PickupPlace): string {
  return t(COUNTER_ERROR[code], { barcode, ...(to ? { to: t('pickup.name', to) } : {}) });
}

const BLOCK_TEXT: Record<CheckoutBlock['code'], MessageKey> = {
  RECORD_EXPIRED: 'staffCirc.block.RECORD_EXPIRED',
  FINES_OVER_CEILING: 'staffCirc.block.FINES_OVER_CEILING',
};

/** One line of the outcome; `action` marks what the member of staff must do with the book. */
interface ResultLine {
  text: string;
  action: boolean;
}

/** What follows a check-in: the fine charged, if any, and where the book goes now. */
function checkInInstructions(result: CheckedIn, l: Pick<Localizer, 't' | 'formatDate' | 'formatMoney'>): ResultLine[] {
  const { t } = l;
  const lines: ResultLine[] = [];
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
  return [{ text: t('staffCirc.checkedIn', { title: result.title }), action: false }, ...checkInInstructions(result, l)];
}

/** A row of the check-in list; `held` marks a book that must not go back to the stacks (hold shelf or in transit). */
export interface CheckInRow {
  itemBarcode: string;
  title: string;
  outcome: string;
  refused: boolean;
  held: boolean;
  lines: ResultLine[];
}

export function checkInRow(entry: CheckInEntry, l: Pick<Localizer, 't' | 'formatDate' | 'formatMoney'>): CheckInRow {
  const { t } = l;
  if (entry.kind === 'refused') {
    return {
      itemBarcode: entry.itemBarcode,
      title: entry.title ?? '',
      outcome: t('staffCirc.checkIns.refused'),
      refused: true,
      held: false,
      lines: [{ text: counterErrorText(t, entry.code, entry.itemBarcode), action: false }],
    };
  }
  return {
    itemBarcode: entry.itemBarcode,
    title: entry.title,
    outcome: t('staffCirc.checkIns.checkedIn'),
    refused: false,
    held: entry.destination.kind !== 'shelf',
    lines: checkInInstructions(entry, l),
  };
}

/** The check-out session for a patron: reloadable, and where the next item is scanned. */
export const checkoutPath = (patronBarcode: string) => `/staff/circulation?patron=${encodeURIComponent(patronBarcode)}`;

/**
 * The counter's page (GET /staff/circulation): check-out for the patron being served, with what
 * stops them borrowing and what was issued to them so far in this session, check-in at this
 * browser's counter, and this session's check-ins. Shown again with an alert when a scan is refused.
 */
export function createCounterPage(deps: {
  counterCirculation: CounterCirculationService;
  counter: CounterService;
  place: CounterLocation;
}) {
  /** The patron's fines, overdue items and blocks, as the panel shows them before any scan. */
  function standingOf(patron: Patron, l: Pick<Localizer, 't' | 'formatDate' | 'formatMoney'>) {
    const { t } = l;
    const standing = deps.counterCirculation.standing(patron);
    const login = deps.counter.loginStatus(patron);
    return {
      fines: l.formatMoney(standing.balance),
      owes: standing.balance > 0,
      overdueCount: standing.overdue.length,
      overdue: standing.overdue.map((loan) =>
        t('staffCirc.standing.overdueLine', { title: loan.title, item: loan.itemBarcode, due: l.formatDate(loan.dueDate) }),
      ),
      blocks: standing.blocks.map((block) =>
        block.code === 'RECORD_EXPIRED'
          ? t(BLOCK_TEXT[block.code], { expiry: l.formatDate(block.expiry) })
          : t(BLOCK_TEXT[block.code], { balance: l.formatMoney(block.balance), ceiling: l.formatMoney(block.ceiling) }),
      ),
      // Login trouble does not stop a check-out, but the patron at the desk may well ask about it.
      loginNote: login.suspended
        ? t('staffCirc.standing.pinSuspended')
        : login.block.blocked
          ? t('staffCirc.standing.pinBlocked', { seconds: login.block.retryAfterSeconds })
          : null,
    };
  }

  return function renderCounterPage(req: Request, res: Response, status: number, view: CounterPageView = {}): void {
    const { t, formatDate } = res.locals;
    const { patron } = view;
    const result = takeCounterResult(req);
    const notice = takeNotice(req, t);
    const issued = patron ? deps.counterCirculation.issuedLoans(patron, issuedTo(req, patron.barcode)) : [];
    const here = deps.place.of(req);
    // Shown in answer to a form (a refused scan), the language switch would lead to the console's start and the
    // patron being served would be lost: it leads back to this counter, still serving them.
    if (req.method !== 'GET') {
      res.locals.languageSwitch.next = patron ? checkoutPath(patron.barcode) : '/staff/circulation';
    }
    res.status(status).render('circulation/counter', {
      resultLines: result ? resultLines(result, res.locals) : [],
      notice,
      alert: view.alert,
      errors: view.errors ?? {},
      focus: view.focus ?? (patron ? 'item' : 'patron'),
      patronBarcode: patron?.barcode ?? view.patronBarcode ?? '',
      patron: patron ? { name: patron.name, barcode: patron.barcode } : null,
      standing: patron ? standingOf(patron, res.locals) : null,
      issued: issued.map((loan) => ({ title: loan.title, itemBarcode: loan.itemBarcode, due: formatDate(loan.dueDate) })),
      counter: { here: here.location, chosen: here.chosen, all: deps.counterCirculation.counters() },
      checkIns: checkIns(req).map((entry) => checkInRow(entry, res.locals)),
      checkInMax: CHECK_IN_LIST_MAX,
    });
  };
}
