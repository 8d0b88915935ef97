/**
 * The kiosk: a facility's check-in screen in a public place, reached by a link and no staff
 * session. What it may show and whom it checks in, as pure rules:
 *   - a booker is shown by initials only (anyone passing can read the screen);
 *   - who may check a booking in: its booker, or a member who has accepted (mayCheckIn);
 *   - which of the patron's bookings at the facility a check-in is for: the one waiting whose
 *     window (no-shows.ts: from checkInBeforeMin before the start to noShowAfterMin after) is open.
 */
import type { BookingStatus } from './facility.js';
import type { SlotState } from './day-slots.js';
import { checkInWindow } from './no-shows.js';
import type { BookingRules } from './facility.js';

/** At most this many letters: enough to tell bookers apart at a glance, too few to name anyone. */
const MAX_INITIALS = 3;

/**
 * The first letter of each word of a name, in capitals ("Wong Siu Ling" → "WSL"); a name written
 * without spaces (陳大文) gives its first character. Hyphenated given names count as one word.
 */
export function initialsOf(name: string): string {
  return name
    .split(/[\s,.]+/u)
    .filter((word) => /\p{L}/u.test(word))
    .slice(0, MAX_INITIALS)
    .map((word) => Array.from(word.replace(/^\P{L}+/u, ''))[0]!.toLocaleUpperCase('en'))
    .join('');
}

/** A member of a booking as check-in sees him: only one who accepted the invitation is in it. */
export interface CheckInMember {
  patronId: number;
  accepted: boolean;
}

/** Whether the patron may check the booking in: he booked it, or is a member who accepted. */
export function mayCheckIn(patronId: number, booking: { patronId: number }, members: readonly CheckInMember[]): boolean {
  return booking.patronId === patronId || members.some((m) => m.patronId === patronId && m.accepted);
}

/** A booking of the facility that day the patron may check in. */
export interface KioskCandidate {
  id: number;
  status: BookingStatus;
  startsAt: number;
  endsAt: number;
}

export type KioskChoice<B extends KioskCandidate> =
  | { kind: 'open'; booking: B }
  | { kind: 'not-yet'; booking: B; opensAt: number }
  | { kind: 'already-in'; booking: B }
  | { kind: 'over'; booking: B }
  | { kind: 'none' };

/**
 * Which booking a check-in at the kiosk is for, from the patron's bookings of the facility that
 * day: the one waiting with its window open; else the one going on now, already checked in; else
 * the next one waiting (too early: when it opens); else one whose window closed; else none.
 */
export function chooseKioskBooking<B extends KioskCandidate>(
  candidates: readonly B[],
  now: number,
  rules: Pick<BookingRules, 'checkInBeforeMin' | 'noShowAfterMin'>,
): KioskChoice<B> {
  const sorted = [...candidates].sort((a, b) => a.startsAt - b.startsAt);
  const waiting = sorted.filter((b) => b.status === 'booked');
  const open = waiting.find((b) => checkInWindow(b.startsAt, now, rules).kind === 'open');
  if (open) return { kind: 'open', booking: open };
  const inside = sorted.find((b) => b.status === 'checked_in' && b.startsAt <= now && b.endsAt > now);
  if (inside) return { kind: 'already-in', booking: inside };
  for (const booking of waiting) {
    const window = checkInWindow(booking.startsAt, now, rules);
    if (window.kind === 'not-yet') return { kind: 'not-yet', booking, opensAt: window.opensAt };
  }
  const missed = waiting.at(-1);
  return missed ? { kind: 'over', booking: missed } : { kind: 'none' };
}

/** A line of the kiosk's day: a slot's time and state, and for a held slot its booking's state and booker's initials. */
export interface KioskLine {
  start: number;
  end: number;
  state: 'free' | 'closed' | 'past' | 'booked' | 'checked_in';
  initials: string | null;
}

/**
 * The kiosk's day from the facility's slots (day-slots.ts, read for nobody in particular) and its
 * live bookings: a held slot shows its booking, whether it has started or not, so that a booking
 * in its check-in window is on the screen. A live booking no slot of today's hours holds (the
 * hours changed after it was made) gets a line of its own, so it can still be seen and checked in.
 */
export function kioskLines(
  slots: ReadonlyArray<{ start: number; end: number; state: SlotState; bookingId: number | null }>,
  bookings: ReadonlyMap<number, { status: BookingStatus; bookerName: string; startsAt: number; endsAt: number }>,
): KioskLine[] {
  const live = (b: { status: BookingStatus } | undefined): b is { status: 'booked' | 'checked_in'; bookerName: string } =>
    b !== undefined && (b.status === 'booked' || b.status === 'checked_in');
  const shown = new Set<number>();
  const lines: KioskLine[] = slots.map((slot) => {
    const booking = slot.bookingId === null ? undefined : bookings.get(slot.bookingId);
    if (live(booking)) {
      shown.add(slot.bookingId!);
      return { start: slot.start, end: slot.end, state: booking.status, initials: initialsOf(booking.bookerName) };
    }
    const state = slot.state === 'yours' ? 'booked' : slot.state;
    return { start: slot.start, end: slot.end, state, initials: null };
  });
  for (const [id, booking] of bookings) {
    if (!shown.has(id) && live(booking))
      lines.push({ start: booking.startsAt, end: booking.endsAt, state: booking.status, initials: initialsOf(booking.bookerName) });
  }
  return lines.sort((a, b) => a.start - b.start);
}
