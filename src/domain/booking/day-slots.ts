/**
 * The slots of one facility on one day, each in one of five states, from the facility's opening
 * hours and slot length, that day's blackouts and booked slots, and the time now. Pure: the day view
 * loads its rows once (one query per view) and asks this for every facility.
 */
import type { LibraryDate } from '../shared/library-date.js';
import { MINUTE_MS, momentOf, weekdayOf } from './booking-time.js';
import { blackoutCovers, type Blackout, type Facility } from './facility.js';

/** free: can be booked; booked: someone else's; yours: the reader's own; closed: a blackout; past: started already. */
export type SlotState = 'free' | 'booked' | 'yours' | 'closed' | 'past';

export interface Slot {
  /** Minutes after midnight (Hong Kong) and the moments it starts and ends. */
  minutes: number;
  start: number;
  end: number;
  state: SlotState;
  /** The booking that holds it, when booked or yours. */
  bookingId: number | null;
  /** The blackout that closes it. */
  blackout: Blackout | null;
}

/** Who holds a slot: by facility, then by slot start. */
export type TakenSlots = ReadonlyMap<number, { bookingId: number; mine: boolean }>;

/** The slot starts of a facility on a date (minutes): none when it is closed that weekday. */
export function slotStartsOf(facility: Pick<Facility, 'hours' | 'slotMinutes'>, date: LibraryDate): number[] {
  const hours = facility.hours[weekdayOf(date)];
  if (!hours) return [];
  const starts: number[] = [];
  for (let m = hours.opens; m + facility.slotMinutes <= hours.closes; m += facility.slotMinutes) starts.push(m);
  return starts;
}

export function slotsOfDay(
  facility: Facility,
  date: LibraryDate,
  facts: { now: number; blackouts: readonly Blackout[]; taken: TakenSlots },
): Slot[] {
  return slotStartsOf(facility, date).map((minutes) => {
    const start = momentOf(date, minutes);
    const end = start + facility.slotMinutes * MINUTE_MS;
    const holder = facts.taken.get(start);
    const blackout = facts.blackouts.find((b) => blackoutCovers(b, facility.id, start, end)) ?? null;
    const state: SlotState = holder?.mine ? 'yours' : start <= facts.now ? 'past' : holder ? 'booked' : blackout ? 'closed' : 'free';
    return { minutes, start, end, state, bookingId: holder?.bookingId ?? null, blackout };
  });
}

/**
 * The slots a patron's day view lists: those not yet over. Late in the day a facility had some
 * thirty slots behind it, which pushed the few still free far down a phone's screen; a slot that
 * has ended can neither be booked nor checked in to, so it is left out (one that has started stays:
 * it may be his, and he may still check in). `endedAt` says the facility was open that day and every
 * slot is over, which the view says in one line, unlike a day it does not open at all.
 * `endedAt` is then when the last slot ended (otherwise null).
 */
export function slotsStillAhead(slots: readonly Slot[], now: number): { slots: Slot[]; endedAt: number | null } {
  const ahead = slots.filter((s) => s.end > now);
  return { slots: ahead, endedAt: ahead.length === 0 ? (slots.at(-1)?.end ?? null) : null };
}
