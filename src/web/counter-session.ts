/**
 * What the counter keeps in the staff session between a form and the page it redirects to:
 * the patron being served at check-out with the loans issued to them so far (for the list
 * and the slip), and the outcome of the last check-out or check-in, shown once. Outcomes are
 * kept as facts, not words, so the page says them in the reader's language.
 */
import type { Request } from 'express';
import type { CopyDestination } from '../services/counter-circulation-service.js';

export type CounterResult =
  | { kind: 'checked-out'; title: string; name: string; barcode: string; dueDate: string }
  | { kind: 'checked-in'; title: string; fine: { daysLate: number; amount: number; name: string } | null; destination: CopyDestination };

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

export function setCounterResult(req: Request, result: CounterResult): void {
  req.session.counterResult = result;
}

export function takeCounterResult(req: Request): CounterResult | undefined {
  const result = req.session.counterResult;
  delete req.session.counterResult;
  return result;
}
