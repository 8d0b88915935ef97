/**
 * iBooking at the facilities desk: the staff day view of every facility and booking, and staff
 * cancelling a booking with a reason the patron is mailed.
 */
import type { BookingView } from '../../db/booking/booking-repo.js';
import type { LibraryDate } from '../../domain/shared/library-date.js';
import { checkInWindow } from '../../domain/booking/no-shows.js';
import { createBookingFacts, type BookingServiceDeps } from './booking-facts.js';
import type { StaffActor } from './booking-notes.js';

/** The longest reason staff may give for cancelling. */
export const CANCEL_REASON_MAX = 200;

export type StaffCancelResult =
  | { kind: 'cancelled'; booking: BookingView }
  | { kind: 'not-found' }
  | { kind: 'closed'; booking: BookingView }
  | { kind: 'reason-required' }
  | { kind: 'reason-too-long' };

export type StaffBookingDeskService = ReturnType<typeof createStaffBookingDeskService>;

export function createStaffBookingDeskService(
  deps: Pick<BookingServiceDeps, 'db' | 'bookings' | 'facilities' | 'patrons' | 'notes' | 'clock'>,
) {
  const { db, bookings, facilities, notes, clock } = deps;
  const { today, day } = createBookingFacts(deps);

  return {
    today,

    /**
     * The staff day view: every facility's slots, and the date's bookings in the order the day
     * runs (by start, then facility), since the desk works through them by the clock. Cancelled
     * ones come apart: they no longer hold a room and would crowd the list staff act on, yet staff
     * are asked "why was my booking cancelled?", so they are kept, with their reasons, below.
     * No-shows stay in the day's list: they happened at their time and count towards suspensions.
     */
    staffDay(date: LibraryDate) {
      const rules = facilities.rules();
      const now = clock.now();
      const all = bookings
        .onDate(date)
        .map((b) => ({ ...b, window: checkInWindow(b.startsAt, now, rules), members: bookings.membersOf(b.id) }))
        .sort((a, b) => a.startsAt - b.startsAt || a.facilityName.localeCompare(b.facilityName) || a.id - b.id);
      return {
        date,
        facilities: day(date, 0),
        bookings: all.filter((b) => b.status !== 'cancelled'),
        cancelled: all.filter((b) => b.status === 'cancelled'),
      };
    },

    /** Staff cancel a booking not yet over, with a reason the patron is mailed. */
    staffCancel(actor: StaffActor, id: number, reasonTyped: string): StaffCancelResult {
      const reason = reasonTyped.trim();
      if (reason === '') return bookings.find(id) ? { kind: 'reason-required' } : { kind: 'not-found' };
      if (reason.length > CANCEL_REASON_MAX) return { kind: 'reason-too-long' };
      let mail: (() => void) | undefined;
      const result = db.transaction((): StaffCancelResult => {
        const booking = bookings.find(id);
        if (!booking) return { kind: 'not-found' };
        const at = clock.now();
        if (booking.endsAt <= at || !bookings.setStatus(id, 'cancelled', at, reason)) return { kind: 'closed', booking };
        bookings.releaseSlots(id);
        notes.record(
          booking,
          { status: 'cancelled', at, actor, note: reason },
          'booking.cancelled',
          `booking ${id}: ${booking.facilityName}, ${booking.date}; reason: ${reason}`,
        );
        mail = () => notes.changed(booking, { status: 'cancelled', reason });
        return { kind: 'cancelled', booking };
      });
      mail?.();
      return result;
    },
  };
}
