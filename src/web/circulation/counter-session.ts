/**
 * What the counter keeps in the staff session between a form and the page it redirects to:
 * the patron being served at check-out with the loans issued to them so far (for the list
 * and the slip), the outcome of the last check-out or check-in, shown once, and the check-ins
 * of this session, listed until the clerk clears them. Outcomes are kept as facts, not words,
 * so the page says them in the reader's language.
 */
import type { Request } from 'express';
import type { CheckInResult, CopyDestination } from '../../services/circulation/counter-circulation-service.js';

/** A book checked in, and what to do with it now. */
export interface CheckedIn {
  kind: 'checked-in';
  itemBarcode: string;
  title: string;
  fine: { daysLate: number; amount: number; name: string } | null;
  destination: CopyDestination;
}

export type CounterResult = { kind: 'checked-out'; title: string; name: string; barcode: string; dueDate: string } | CheckedIn;

/** One check-in scan: the book checked in, or the barcode refused and why (with the title when the copy exists). */
export type CheckInEntry =
  CheckedIn | { kind: 'refused'; itemBarcode: string; code: Extract<CheckInResult, { ok: false }>['code']; title: string | null };

export interface CheckoutSession {
  patronBarcode: string;
  loanIds: number[];
}

/** More than anyone borrows at once: the session row stays small whatever happens. */
const MAX_LISTED = 100;

/** A new check-out session for this patron: nothing issued yet. */
export function beginCheckout(req: Request, patronBarcode: string): void {
  req.session.checkout = { patronBarcode, loanIds: [] };
}

/** A loan issued to the patron: added to their session, or to a new one if another patron was being served. */
export function recordIssue(req: Request, patronBarcode: string, loanId: number): void {
  const current = req.session.checkout;
  const loanIds = current?.patronBarcode === patronBarcode ? current.loanIds : [];
  req.session.checkout = { patronBarcode, loanIds: [...loanIds, loanId].slice(-MAX_LISTED) };
}

/** The loans issued to this patron in this session at the counter. */
export function issuedTo(req: Request, patronBarcode: string): number[] {
  const current = req.session.checkout;
  return current?.patronBarcode === patronBarcode ? current.loanIds : [];
}

/**
 * The check-in list keeps the last 50 scans: more than a full returns trolley, so an instruction
 * is not lost during a busy hour, while the session row (written on each scan) stays a few tens of
 * kilobytes.
 */
export const CHECK_IN_LIST_MAX = 50;

/** A check-in scan goes to the top of the list; the oldest beyond the cap drop off the end. */
export function recordCheckIn(req: Request, entry: CheckInEntry): void {
  req.session.checkIns = [entry, ...(req.session.checkIns ?? [])].slice(0, CHECK_IN_LIST_MAX);
}

/** This session's check-in scans, newest first. */
export function checkIns(req: Request): readonly CheckInEntry[] {
  return req.session.checkIns ?? [];
}

export function clearCheckIns(req: Request): void {
  delete req.session.checkIns;
}

export function setCounterResult(req: Request, result: CounterResult): void {
  req.session.counterResult = result;
}

export function takeCounterResult(req: Request): CounterResult | undefined {
  const result = req.session.counterResult;
  delete req.session.counterResult;
  return result;
}
