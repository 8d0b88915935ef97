/**
 * Who may ask for what (services.md): undergraduates for copies only, postgraduates and staff for
 * both, alumni for none; and at most ill_limits.open_allowed requests open at once.
 */
import type { IllKind, IllLimits } from './ill-request.js';

export type IllRefusal =
  /** This patron type may ask for nothing: the page says so and shows no form. */
  | { code: 'NOT_FOR_TYPE' }
  /** This patron type may ask for copies, not books. */
  | { code: 'KIND_NOT_ALLOWED'; kind: IllKind }
  | { code: 'QUOTA_REACHED'; open: number; allowed: number };

export function mayUseIll(limits: IllLimits): boolean {
  return (limits.booksAllowed || limits.copiesAllowed) && limits.openAllowed > 0;
}

export function mayAskFor(limits: IllLimits, kind: IllKind): boolean {
  return kind === 'book' ? limits.booksAllowed : limits.copiesAllowed;
}

/** Why a new request of this kind is refused now, or nothing when it may be made. */
export function illRefusal(limits: IllLimits, kind: IllKind, openRequests: number): IllRefusal | undefined {
  if (!mayUseIll(limits)) return { code: 'NOT_FOR_TYPE' };
  if (!mayAskFor(limits, kind)) return { code: 'KIND_NOT_ALLOWED', kind };
  if (openRequests >= limits.openAllowed) return { code: 'QUOTA_REACHED', open: openRequests, allowed: limits.openAllowed };
  return undefined;
}
