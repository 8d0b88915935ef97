/**
 * The one-minute block (pin-policy.md §6), as pure logic.
 *
 * Settings (the library's): at most MAX_FAILURES failed attempts per barcode in any
 * WINDOW_MS. An attempt whose outcome is not yet known (its PIN is still being
 * compared) counts as a failure, or concurrent attempts would all slip past.
 * Blocked attempts do not count: they checked no PIN.
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
 * Seconds until the barcode may try again: when enough of the oldest failures have
 * turned WINDOW_MS old that fewer than MAX_FAILURES remain (with five, the oldest).
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
