/**
 * iBooking, checking in: staff check a booking in at the desk, a patron checks himself in at the
 * facility's kiosk (whose screen shows the day with bookers by initials only), and housekeeping
 * releases the bookings nobody checked in to as no-shows.
 */
import type { BookingView } from '../../db/booking/booking-repo.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import { DAY_MS } from '../../domain/booking/booking-time.js';
import { chooseKioskBooking, kioskLines, mayCheckIn, type KioskChoice } from '../../domain/booking/kiosk.js';
import { checkInWindow, isNoShow, type CheckInWindow } from '../../domain/booking/no-shows.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { createBookingFacts, type BookingServiceDeps } from './booking-facts.js';
import type { KioskActor, StaffActor } from './booking-notes.js';

export type CheckInResult =
  | { kind: 'checked-in'; booking: BookingView }
  | { kind: 'not-found' }
  | { kind: 'not-waiting'; booking: BookingView }
  | { kind: 'outside-window'; booking: BookingView; window: CheckInWindow };

/** A patron's check-in at a facility's kiosk: done, or why not (too early, already in, too late, none of his there). */
export type KioskCheckInResult = { kind: 'checked-in'; booking: BookingView } | Exclude<KioskChoice<BookingView>, { kind: 'open' }>;

export type BookingCheckInService = ReturnType<typeof createBookingCheckInService>;

export function createBookingCheckInService(
  deps: Pick<BookingServiceDeps, 'db' | 'bookings' | 'facilities' | 'patrons' | 'notes' | 'clock'>,
) {
  const { db, bookings, facilities, notes, clock } = deps;
  const { today, suspensionOf, day } = createBookingFacts(deps);

  return {
    /** Staff check a booking in, from a few minutes before its start to 10 minutes after. */
    checkIn(actor: StaffActor, id: number): CheckInResult {
      let mail: (() => void) | undefined;
      const result = db.transaction((): CheckInResult => {
        const booking = bookings.find(id);
        if (!booking) return { kind: 'not-found' };
        if (booking.status !== 'booked') return { kind: 'not-waiting', booking };
        const at = clock.now();
        const window = checkInWindow(booking.startsAt, at, facilities.rules());
        if (window.kind !== 'open') return { kind: 'outside-window', booking, window };
        bookings.setStatus(id, 'checked_in', at);
        notes.record(
          booking,
          { status: 'checked_in', at, actor },
          'booking.checked-in',
          `booking ${id}: ${booking.facilityName}, ${booking.date}`,
        );
        mail = () => notes.changed(booking, { status: 'checked_in' });
        return { kind: 'checked-in', booking: bookings.find(id)! };
      });
      mail?.();
      return result;
    },

    /**
     * A facility's day as its kiosk shows it to anyone passing: times and states, bookers by
     * initials only. The names never leave this function; undefined for no such facility.
     */
    kioskDay(facilityId: number) {
      const facility = facilities.find(facilityId);
      if (!facility) return undefined;
      const date = today();
      const slots = day(date, 0).find((d) => d.facility.id === facilityId)?.slots ?? [];
      const live = new Map(
        bookings
          .onDate(date)
          .filter((b) => b.facilityId === facilityId)
          .map((b) => [b.id, { status: b.status, bookerName: b.patronName, startsAt: b.startsAt, endsAt: b.endsAt }]),
      );
      return { facility, date, lines: kioskLines(slots, live), rules: facilities.rules() };
    },

    /**
     * The patron (his PIN already checked) checks in at a facility's kiosk: the booking of his
     * there, as booker or accepted member (mayCheckIn), whose window is open; audited as his.
     */
    checkInAt(patron: Patron, facilityId: number, actor: KioskActor): KioskCheckInResult {
      let mail: (() => void) | undefined;
      const result = db.transaction((): KioskCheckInResult => {
        const at = clock.now();
        const candidates = bookings
          .atFacilityOn(facilityId, libraryDateOf(at), patron.id)
          .filter((b) => mayCheckIn(patron.id, b, bookings.membersForCheckIn(b.id)));
        const choice = chooseKioskBooking(candidates, at, facilities.rules());
        if (choice.kind !== 'open') return choice;
        const { booking } = choice;
        if (!bookings.setStatus(booking.id, 'checked_in', at)) return { kind: 'already-in', booking };
        notes.record(
          booking,
          { status: 'checked_in', at, actor },
          'booking.checked-in',
          `booking ${booking.id}: ${booking.facilityName}, ${booking.date}; at its kiosk`,
        );
        mail = () => notes.changed(booking, { status: 'checked_in' });
        return { kind: 'checked-in', booking: bookings.find(booking.id)! };
      });
      mail?.();
      return result;
    },

    /**
     * Housekeeping: every booking not checked in 10 minutes after its start becomes a no-show and
     * its slots are released; its patron is told, with the suspension it brings if it is his third.
     */
    releaseNoShows(): number {
      const rules = facilities.rules();
      const now = clock.now();
      const mails: Array<() => void> = [];
      const released = db.transaction(() => {
        let count = 0;
        for (const booking of bookings.waitingSince(now - rules.noShowAfterMin * 60_000)) {
          if (!isNoShow(booking.startsAt, now, rules) || !bookings.setStatus(booking.id, 'no_show', now)) continue;
          bookings.releaseSlots(booking.id);
          notes.record(
            booking,
            { status: 'no_show', at: now, actor: null },
            'booking.no-show',
            `booking ${booking.id}: ${booking.facilityName}, ${booking.date}`,
          );
          const starts = bookings.noShowStartsOf(booking.patronId, now - rules.noShowWindowDays * DAY_MS);
          const until = suspensionOf(booking.patronId);
          mails.push(() => notes.changed(booking, { status: 'no_show', noShows: starts.length, suspendedUntil: until }));
          count++;
        }
        return count;
      });
      for (const mail of mails) mail();
      return released;
    },
  };
}
