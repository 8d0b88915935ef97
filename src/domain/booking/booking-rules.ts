/**
 * The rules a booking must meet (docs/rules.md, "iBooking"), checked together so that every broken one
 * is reported, each naming its rule and what is still possible. Pure: the booking service gathers
 * the facts inside its IMMEDIATE transaction and inserts only when this returns no violation. That
 * the slots are still free is the database's to say (booked_slots' primary key): a clash is a 409.
 *
 * - One facility, one date from today to `daysAhead` days on, consecutive slots inside its opening
 *   hours, none started, none in a blackout.
 * - At most `slotsPerDay` slots a day and `slotsPerWeek` a week (Monday to Sunday of the booking's
 *   date), counting the patron's bookings that are not cancelled (no-shows count).
 * - No two of a patron's bookings overlap, as booker or as a member who accepted (an invitation
 *   he has not accepted never holds him).
 * - A group room needs its minimum of people, the booker counted: the others by barcode, each
 *   invited (invitation.ts); never more than its maximum. A barcode that cannot be invited
 *   (unknown, expired, of a type the facility does not admit, busy then, the booker's own) is
 *   refused with one and the same code, so that typing barcodes tells nothing about their holders.
 * - Not while suspended for no-shows, and only for the patron types the facility allows.
 * - At most `bookingsMadeAllowed` bookings made in any BOOKINGS_MADE_WINDOW_DAYS, cancelled ones
 *   included: the day and week limits count only bookings that hold slots, so booking and cancelling
 *   in a loop made rows and confirmation mails without end.
 */
import { addDays, type LibraryDate } from '../shared/library-date.js';
import type { PatronType } from '../patrons/patron.js';
import { clockTime, MINUTE_MS, momentOf, weekdayOf } from './booking-time.js';
import { blackoutCovers, type Blackout, type BookingLimits, type BookingRules, type Facility } from './facility.js';

export type BookingField = 'date' | 'start' | 'slots' | 'members';

export type BookingViolation =
  | { code: 'SUSPENDED'; field: 'date'; until: number }
  | { code: 'TYPE_NOT_ALLOWED'; field: 'date' }
  | { code: 'DATE_OUT_OF_RANGE'; field: 'date'; first: LibraryDate; last: LibraryDate }
  | { code: 'CLOSED_THAT_DAY'; field: 'date' }
  | { code: 'OUTSIDE_HOURS'; field: 'start'; opens: string; closes: string; slotMinutes: number }
  | { code: 'STARTED'; field: 'start' }
  | { code: 'BLACKOUT'; field: 'start'; reason: string; until: number }
  | { code: 'DAY_LIMIT'; field: 'slots'; allowed: number; left: number }
  | { code: 'WEEK_LIMIT'; field: 'slots'; allowed: number; left: number }
  | { code: 'MADE_LIMIT'; field: 'date'; allowed: number; days: number }
  | { code: 'OVERLAP'; field: 'start'; facility: string; from: number; to: number; asMember: boolean }
  | { code: 'TOO_FEW_PEOPLE'; field: 'members'; min: number; people: number }
  | { code: 'TOO_MANY_PEOPLE'; field: 'members'; max: number; people: number }
  | { code: 'MEMBER_NOT_INVITABLE'; field: 'members'; barcode: string }
  | { code: 'MEMBER_REPEATED'; field: 'members'; barcode: string };

export type BookingCode = BookingViolation['code'];

export interface BookingAsked {
  facility: Facility;
  date: LibraryDate;
  /** Minutes after midnight. */
  start: number;
  slots: number;
  /** The other members' barcodes, as typed (normalised), the booker not among them. */
  members: readonly string[];
}

/**
 * A member as the service found him: registered or not, expired or not, of a type the facility
 * admits or not, holding another facility then (as booker or accepted member) or not.
 */
export interface MemberFacts {
  barcode: string;
  found: boolean;
  expired: boolean;
  allowed: boolean;
  busy: boolean;
}

export interface BookingFacts {
  now: number;
  today: LibraryDate;
  rules: BookingRules;
  limits: BookingLimits;
  booker: { barcode: string; patronType: PatronType };
  suspendedUntil: number | null;
  blackouts: readonly Blackout[];
  /** Slots the booker already holds that day and that week (Monday to Sunday). */
  usedThatDay: number;
  usedThatWeek: number;
  /** Bookings he made in the last BOOKINGS_MADE_WINDOW_DAYS, whatever became of them. */
  madeLately: number;
  /**
   * One of his bookings (or ones he accepted to be a member of) overlapping the asked time, if any.
   * asMember: someone else booked it, so he can only leave it, never cancel it; the refusal says so.
   */
  overlapping: { facility: string; from: number; to: number; asMember: boolean } | null;
  members: readonly MemberFacts[];
}

export const BOOKINGS_MADE_WINDOW_DAYS = 7;
/**
 * Bookings one may make in the window: a booking takes at least one slot, so twice the week's slots
 * leaves room to cancel and book again for real reasons, and no more.
 */
export const bookingsMadeAllowed = (limits: BookingLimits): number => 2 * limits.slotsPerWeek;
/** The moment the window that ends `now` (ms) begins. */
export const bookingsMadeSince = (now: number): number => now - BOOKINGS_MADE_WINDOW_DAYS * 86_400_000;

/** The moments the asked slots start and end. */
export function bookedSpan(asked: Pick<BookingAsked, 'date' | 'start' | 'slots' | 'facility'>): { from: number; to: number } {
  const from = momentOf(asked.date, asked.start);
  return { from, to: from + asked.slots * asked.facility.slotMinutes * MINUTE_MS };
}

/** Each slot's start, for booked_slots. */
export function slotMoments(asked: Pick<BookingAsked, 'date' | 'start' | 'slots' | 'facility'>): number[] {
  const { from } = bookedSpan(asked);
  return Array.from({ length: asked.slots }, (_, i) => from + i * asked.facility.slotMinutes * MINUTE_MS);
}

/** Slots left to book that day and that week: what the form says ("You have 3 of 4 slots left today"). */
export function slotsLeft(facts: Pick<BookingFacts, 'limits' | 'usedThatDay' | 'usedThatWeek'>): {
  day: number;
  week: number;
  most: number;
} {
  const day = Math.max(0, facts.limits.slotsPerDay - facts.usedThatDay);
  const week = Math.max(0, facts.limits.slotsPerWeek - facts.usedThatWeek);
  return { day, week, most: Math.min(day, week) };
}

/** Whether a member may be invited: every reason he may not is one and the same to the booker. */
export function isInvitable(member: MemberFacts, bookerBarcode: string): boolean {
  return member.barcode !== bookerBarcode && member.found && !member.expired && member.allowed && !member.busy;
}

export function checkBooking(asked: BookingAsked, facts: BookingFacts): BookingViolation[] {
  const found: BookingViolation[] = [];
  const { facility, date } = asked;
  if (facts.suspendedUntil !== null && facts.suspendedUntil > facts.now)
    found.push({ code: 'SUSPENDED', field: 'date', until: facts.suspendedUntil });
  if (!facility.patronTypes.includes(facts.booker.patronType)) found.push({ code: 'TYPE_NOT_ALLOWED', field: 'date' });
  const last = addDays(facts.today, facts.rules.daysAhead);
  if (date < facts.today || date > last) found.push({ code: 'DATE_OUT_OF_RANGE', field: 'date', first: facts.today, last });

  const hours = facility.hours[weekdayOf(date)];
  const { from, to } = bookedSpan(asked);
  if (!hours) found.push({ code: 'CLOSED_THAT_DAY', field: 'date' });
  else {
    const end = asked.start + asked.slots * facility.slotMinutes;
    const onBoundary = (asked.start - hours.opens) % facility.slotMinutes === 0;
    if (asked.start < hours.opens || end > hours.closes || !onBoundary) {
      found.push({
        code: 'OUTSIDE_HOURS',
        field: 'start',
        opens: clockTime(hours.opens),
        closes: clockTime(hours.closes),
        slotMinutes: facility.slotMinutes,
      });
    }
  }
  if (from <= facts.now) found.push({ code: 'STARTED', field: 'start' });
  const blackout = facts.blackouts.find((b) => blackoutCovers(b, facility.id, from, to));
  if (blackout) found.push({ code: 'BLACKOUT', field: 'start', reason: blackout.reason, until: blackout.endsAt });

  const left = slotsLeft(facts);
  if (asked.slots > left.day) found.push({ code: 'DAY_LIMIT', field: 'slots', allowed: facts.limits.slotsPerDay, left: left.day });
  if (asked.slots > left.week) found.push({ code: 'WEEK_LIMIT', field: 'slots', allowed: facts.limits.slotsPerWeek, left: left.week });
  if (facts.overlapping) found.push({ code: 'OVERLAP', field: 'start', ...facts.overlapping });
  if (facts.madeLately >= bookingsMadeAllowed(facts.limits))
    found.push({ code: 'MADE_LIMIT', field: 'date', allowed: bookingsMadeAllowed(facts.limits), days: BOOKINGS_MADE_WINDOW_DAYS });

  const seen = new Set<string>();
  for (const member of facts.members) {
    // A barcode given twice says nothing about its holder, so it keeps a message of its own.
    if (seen.has(member.barcode)) found.push({ code: 'MEMBER_REPEATED', field: 'members', barcode: member.barcode });
    else if (!isInvitable(member, facts.booker.barcode))
      found.push({ code: 'MEMBER_NOT_INVITABLE', field: 'members', barcode: member.barcode });
    seen.add(member.barcode);
  }
  // The minimum counts the booker: a room for 3 to 6 needs two others.
  const people = 1 + seen.size - (seen.has(facts.booker.barcode) ? 1 : 0);
  if (people < facility.capacityMin) found.push({ code: 'TOO_FEW_PEOPLE', field: 'members', min: facility.capacityMin, people });
  if (people > facility.capacityMax) found.push({ code: 'TOO_MANY_PEOPLE', field: 'members', max: facility.capacityMax, people });
  return found;
}
