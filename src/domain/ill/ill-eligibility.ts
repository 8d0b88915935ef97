/**
 * Who may ask for what (docs/rules.md §8): undergraduates for copies only, postgraduates and staff for
 * both, alumni for none; at most ill_limits.open_allowed requests open at once, and at most twice that
 * many made in any ILL_WINDOW_DAYS, cancelled ones included.
 */
import type { IllKind, IllLimits } from './ill-request.js';

export type IllRefusal =
  /** This patron type may ask for nothing: the page says so and shows no form. */
  | { code: 'NOT_FOR_TYPE' }
  /** This patron type may ask for copies, not books. */
  | { code: 'KIND_NOT_ALLOWED'; kind: IllKind }
  | { code: 'QUOTA_REACHED'; open: number; allowed: number }
  /** Too many made lately, whatever became of them. */
  | { code: 'WINDOW_REACHED'; allowed: number; days: number };

/**
 * The open quota alone counts only requests still open, so asking and cancelling in a loop made rows,
 * history and work in the staff queue without end. Every request made in the window counts here; twice
 * the open quota leaves room to cancel and ask again for real reasons.
 */
export const ILL_WINDOW_DAYS = 30;
/** The moment the window that ends `now` (ms) begins. */
export const illWindowStart = (now: number): number => now - ILL_WINDOW_DAYS * 86_400_000;
export const windowAllowed = (limits: IllLimits): number => limits.openAllowed * 2;

export function mayUseIll(limits: IllLimits): boolean {
  return (limits.booksAllowed || limits.copiesAllowed) && limits.openAllowed > 0;
}

export function mayAskFor(limits: IllLimits, kind: IllKind): boolean {
  return kind === 'book' ? limits.booksAllowed : limits.copiesAllowed;
}

/** Why a new request of this kind is refused now, or nothing when it may be made. */
export function illRefusal(limits: IllLimits, kind: IllKind, standing: { open: number; madeInWindow: number }): IllRefusal | undefined {
  if (!mayUseIll(limits)) return { code: 'NOT_FOR_TYPE' };
  if (!mayAskFor(limits, kind)) return { code: 'KIND_NOT_ALLOWED', kind };
  if (standing.open >= limits.openAllowed) return { code: 'QUOTA_REACHED', open: standing.open, allowed: limits.openAllowed };
  if (standing.madeInWindow >= windowAllowed(limits))
    return { code: 'WINDOW_REACHED', allowed: windowAllowed(limits), days: ILL_WINDOW_DAYS };
  return undefined;
}
