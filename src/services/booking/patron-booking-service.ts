/**
 * iBooking (docs/rules.md §8), the patron booking: the day view, his slots left, and the booking.
 * A booking is one IMMEDIATE transaction that reads every fact the rules need, checks them all
 * (booking-rules.ts) and inserts the booking with one booked_slots row per slot: that table's
 * primary key (facility, slot start) is what makes a double booking impossible, across server
 * processes too. A clash rolls the whole booking back and is answered "just taken".
 * A group room's members are invited (invitation.ts): each is mailed, and answers himself.
 */
import { isUniqueViolation } from '../../db/engine/errors.js';
import type { BookingView } from '../../db/booking/booking-repo.js';
import type { LibraryDate } from '../../domain/shared/library-date.js';
import { bookedSpan, bookingsMadeSince, checkBooking, slotMoments, type BookingViolation } from '../../domain/booking/booking-rules.js';
import { readBookingForm, type BookingFormField, type BookingFormProblem } from '../../domain/booking/booking-form.js';
import { slotsStillAhead } from '../../domain/booking/day-slots.js';
import type { Facility } from '../../domain/booking/facility.js';
import { memberAsShown } from '../../domain/booking/invitation.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { createBookingFacts, type BookingServiceDeps } from './booking-facts.js';

export type BookResult =
  | { kind: 'booked'; booking: BookingView }
  | { kind: 'malformed'; problems: BookingFormProblem[] }
  | { kind: 'not-found' }
  | { kind: 'refused'; facility: Facility; violations: BookingViolation[] }
  /** Someone else took one of the slots first (booked_slots' primary key): nothing was stored. */
  | { kind: 'taken'; facility: Facility; date: LibraryDate };

export type PatronBookingService = ReturnType<typeof createPatronBookingService>;

/** A slot is held by one booking at a time: its primary key refuses a second. */
const isSlotClash = isUniqueViolation;

export function createPatronBookingService(
  deps: Pick<BookingServiceDeps, 'db' | 'bookings' | 'facilities' | 'patrons' | 'notes' | 'clock'>,
) {
  const { db, bookings, facilities, notes, clock } = deps;
  const { today, dates, suspensionOf, quota, day, memberFacts } = createBookingFacts(deps);

  return {
    today,
    dates,
    rules: () => facilities.rules(),
    /** Until when the patron may not book (3 no-shows in 30 days), or null. */
    suspendedUntil: (patron: Patron) => suspensionOf(patron.id),
    quota,

    /**
     * The patron's day view: undefined for a date outside today … daysAhead. Only the slots not yet
     * over are listed (slotsStillAhead); `endedAt` marks a facility whose every slot that day is over.
     * The booking form asks for every slot, to name the state of the one chosen even when it is over.
     */
    dayView(patron: Patron, date: LibraryDate, listed: 'ahead' | 'all' = 'ahead') {
      if (!dates().includes(date)) return undefined;
      const now = clock.now();
      return {
        date,
        facilities: day(date, patron.id).map((d) =>
          listed === 'all'
            ? { facility: d.facility, slots: d.slots, endedAt: null }
            : { facility: d.facility, ...slotsStillAhead(d.slots, now) },
        ),
        quota: quota(patron, date),
        suspendedUntil: suspensionOf(patron.id),
      };
    },

    facility: (id: number) => facilities.find(id),

    /** A booking: the form read, every rule checked and the slots taken, in one IMMEDIATE transaction. */
    book(patron: Patron, values: Record<BookingFormField, string>): BookResult {
      const read = readBookingForm(values);
      if (!read.ok) return { kind: 'malformed', problems: read.problems };
      const { form } = read;
      let result: BookResult;
      let memberNames: string[] = [];
      let invited: number[] = [];
      try {
        result = db.transaction((): BookResult => {
          const facility = facilities.find(form.facilityId);
          if (!facility) return { kind: 'not-found' };
          const asked = { facility, date: form.date, start: form.start, slots: form.slots, members: form.members };
          const span = bookedSpan(asked);
          const rules = facilities.rules();
          const used = quota(patron, form.date);
          const overlap = bookings.overlapping(patron.id, span.from, span.to);
          const overlapping = overlap
            ? { facility: overlap.facilityName, from: overlap.startsAt, to: overlap.endsAt, asMember: overlap.patronId !== patron.id }
            : null;
          const members = memberFacts(form.members, facility, span, form.date);
          const violations = checkBooking(asked, {
            now: clock.now(),
            today: today(),
            rules,
            limits: used.limits,
            booker: { barcode: patron.barcode, patronType: patron.patronType },
            suspendedUntil: suspensionOf(patron.id),
            blackouts: facilities.blackoutsBetween(span.from, span.to),
            usedThatDay: used.usedThatDay,
            usedThatWeek: used.usedThatWeek,
            madeLately: bookings.madeSince(patron.id, bookingsMadeSince(clock.now())),
            overlapping,
            members: members.facts,
          });
          if (violations.length > 0) return { kind: 'refused', facility, violations };
          const at = clock.now();
          const id = bookings.insert(
            { patronId: patron.id, facilityId: facility.id, date: form.date, startsAt: span.from, endsAt: span.to, slots: form.slots },
            at,
          );
          bookings.addMembers(id, members.ids);
          // Throws when another booking holds any of the slots: the transaction, booking row included, is undone.
          bookings.claimSlots(facility.id, id, slotMoments(asked));
          const booking = bookings.find(id)!;
          notes.record(booking, { status: 'booked', at, actor: 'patron' });
          // Every member is only invited so far: the booker sees the ends of their barcodes, never names.
          memberNames = bookings.membersOf(id).map(memberAsShown);
          invited = members.ids;
          return { kind: 'booked', booking };
        });
      } catch (err) {
        if (!isSlotClash(err)) throw err;
        const facility = facilities.find(form.facilityId)!;
        return { kind: 'taken', facility, date: form.date };
      }
      if (result.kind === 'booked') {
        notes.confirmed(result.booking, memberNames);
        for (const memberId of invited) notes.invited(result.booking, memberId);
      }
      return result;
    },
  };
}
