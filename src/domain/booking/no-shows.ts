/**
 * Check-in and no-shows (docs/rules.md, "iBooking"). Settings (table booking_rules): check-in opens
 * `checkInBeforeMin` minutes before the start and closes `noShowAfterMin` after it; a booking not
 * checked in by then is a no-show, its slots released; `noShowLimit` no-shows within
 * `noShowWindowDays` days stop the patron booking for `suspensionDays` days from the last of them.
 * A no-show counts at its booking's start.
 */
import type { BookingRules } from './facility.js';
import { DAY_MS, MINUTE_MS } from './booking-time.js';

export type CheckInWindow = { kind: 'open' } | { kind: 'not-yet'; opensAt: number } | { kind: 'over'; closedAt: number };

export function checkInWindow(
  startsAt: number,
  now: number,
  rules: Pick<BookingRules, 'checkInBeforeMin' | 'noShowAfterMin'>,
): CheckInWindow {
  const opensAt = startsAt - rules.checkInBeforeMin * MINUTE_MS;
  const closedAt = startsAt + rules.noShowAfterMin * MINUTE_MS;
  if (now < opensAt) return { kind: 'not-yet', opensAt };
  if (now >= closedAt) return { kind: 'over', closedAt };
  return { kind: 'open' };
}

/** A booking still waiting for its check-in whose window has closed: released at housekeeping. */
export function isNoShow(startsAt: number, now: number, rules: Pick<BookingRules, 'noShowAfterMin'>): boolean {
  return now >= startsAt + rules.noShowAfterMin * MINUTE_MS;
}

/** Since when no-shows matter to a suspension now: older ones can neither start nor extend one. */
export function noShowsSince(now: number, rules: Pick<BookingRules, 'noShowWindowDays' | 'suspensionDays'>): number {
  return now - (rules.noShowWindowDays + rules.suspensionDays) * DAY_MS;
}

/**
 * Until when the patron may not book, or null: the end of the latest suspension still running. A
 * suspension starts at every no-show that makes `noShowLimit` within `noShowWindowDays` days.
 */
export function suspendedUntil(
  noShowStarts: readonly number[],
  now: number,
  rules: Pick<BookingRules, 'noShowLimit' | 'noShowWindowDays' | 'suspensionDays'>,
): number | null {
  const times = [...noShowStarts].sort((a, b) => a - b);
  let until: number | null = null;
  for (let i = rules.noShowLimit - 1; i < times.length; i++) {
    if (times[i]! - times[i - rules.noShowLimit + 1]! <= rules.noShowWindowDays * DAY_MS) {
      const end = times[i]! + rules.suspensionDays * DAY_MS;
      if (end > now && (until === null || end > until)) until = end;
    }
  }
  return until;
}
