/**
 * When a login attempt is refused before any PIN is checked, as pure logic.
 *
 * - The library's one-minute block (docs/rules.md §6): at most 5 failed attempts per
 *   barcode in any 60 seconds. An attempt whose outcome is not yet known (its PIN is still
 *   being compared) counts as a failure, or concurrent attempts would all slip past.
 *   Blocked attempts do not count: they checked no PIN.
 * - The same rule per client address, across barcodes, with its own settings
 *   (ADDRESS_MAX_FAILURES in ADDRESS_WINDOW_MINUTES): one common PIN sprayed over many barcodes.
 * - The hard limit (NIST SP 800-63B §5.2.2): after HARD_LOCK_FAILURES failures in a row with no
 *   success between, login by that key stops until its PIN is reset online or at the counter (for
 *   staff: a new password, or an admin lifts it) — except from browsers trusted for the key
 *   (device-trust.ts), so that strangers cannot lock anyone out.
 */
export interface LockoutSettings {
  maxFailures: number;
  windowMs: number;
}

export const LIBRARY_LOCKOUT: LockoutSettings = { maxFailures: 5, windowMs: 60_000 };

export type LockoutDecision = { blocked: false } | { blocked: true; retryAfterSeconds: number };

/** The earliest time an attempt still counts at `now`: failures after it are in the window. */
export function windowStart(now: number, settings: LockoutSettings = LIBRARY_LOCKOUT): number {
  return now - settings.windowMs;
}

/** Failures (and undecided attempts) that fall inside the window ending at `now`. */
export function failuresInWindow(failureTimes: readonly number[], now: number, settings = LIBRARY_LOCKOUT): number[] {
  const start = windowStart(now, settings);
  return failureTimes.filter((at) => at > start && at <= now).sort((a, b) => a - b);
}

export function isBlocked(failureTimes: readonly number[], now: number, settings = LIBRARY_LOCKOUT): boolean {
  return failuresInWindow(failureTimes, now, settings).length >= settings.maxFailures;
}

/**
 * Seconds until the key may try again: when enough of the oldest failures have turned
 * windowMs old that fewer than maxFailures remain (with exactly five, the oldest).
 */
export function retryAfterSeconds(failureTimes: readonly number[], now: number, settings = LIBRARY_LOCKOUT): number {
  const recent = failuresInWindow(failureTimes, now, settings);
  const releasing = recent[recent.length - settings.maxFailures];
  if (releasing === undefined) return 0;
  return Math.max(1, Math.ceil((releasing + settings.windowMs - now) / 1000));
}

export function decideLockout(failureTimes: readonly number[], now: number, settings = LIBRARY_LOCKOUT): LockoutDecision {
  if (!isBlocked(failureTimes, now, settings)) return { blocked: false };
  return { blocked: true, retryAfterSeconds: retryAfterSeconds(failureTimes, now, settings) };
}

/** NIST's ceiling: 100 failures in a row. 0 turns the hard limit off. */
export const DEFAULT_HARD_LOCK_FAILURES = 100;

export function isSuspended(failuresInARow: number, hardLockFailures: number): boolean {
  return hardLockFailures > 0 && failuresInARow >= hardLockFailures;
}
