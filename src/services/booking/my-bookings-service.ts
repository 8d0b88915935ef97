/**
 * iBooking, the patron's own list: his invitations, upcoming and past bookings a page at a time,
 * cancelling one he booked (a confirm page first), and the calendar file of one that takes place.
 */
import type { BookingView } from '../../db/booking/booking-repo.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Localizer } from '../../messages/index.js';
import { bookingCalendar } from './booking-calendar.js';
import { createBookingFacts, type BookingServiceDeps } from './booking-facts.js';
import { bookingLines, shownMembers } from './booking-lines.js';

/** Past bookings on one page of the patron's list. */
export const BOOKING_PAGE_SIZE = 10;

export type CancelResult = { kind: 'cancelled'; booking: BookingView } | { kind: 'not-found' } | { kind: 'too-late'; booking: BookingView };

/** The booking the confirm page asks about: his and cancellable (open), his but started or closed (too-late), or not his. */
export type CancelCheck = { kind: 'open'; booking: BookingView } | { kind: 'not-found' } | { kind: 'too-late'; booking: BookingView };

/** A booking's calendar file; none for one that no longer holds its slots (cancelled, a no-show): it will not take place. */
export type CalendarResult = { kind: 'calendar'; text: string } | { kind: 'not-found' } | { kind: 'not-held'; booking: BookingView };

export type MyBookingsService = ReturnType<typeof createMyBookingsService>;

export function createMyBookingsService(
  deps: Pick<BookingServiceDeps, 'db' | 'bookings' | 'facilities' | 'patrons' | 'history' | 'notes' | 'clock' | 'publicUrl'>,
) {
  const { db, bookings, notes, clock } = deps;
  const { suspensionOf } = createBookingFacts(deps);
  const lines = (list: BookingView[], readerId: number) => bookingLines(deps, list, readerId);

  return {
    /** What the confirm page asks about: his own booking, and whether it may still be cancelled (as cancel decides). */
    cancelCheck(patron: Patron, id: number): CancelCheck {
      const booking = bookings.find(id);
      if (!booking || booking.patronId !== patron.id) return { kind: 'not-found' };
      return booking.status === 'booked' && booking.startsAt > clock.now() ? { kind: 'open', booking } : { kind: 'too-late', booking };
    },

    /** The patron cancels his own booking before it starts: its slots are free at once. */
    cancel(patron: Patron, id: number): CancelResult {
      return db.transaction((): CancelResult => {
        const booking = bookings.find(id);
        if (!booking || booking.patronId !== patron.id) return { kind: 'not-found' };
        const at = clock.now();
        if (booking.status !== 'booked' || booking.startsAt <= at || !bookings.setStatus(id, 'cancelled', at))
          return { kind: 'too-late', booking };
        bookings.releaseSlots(id);
        notes.record(booking, { status: 'cancelled', at, actor: 'patron' });
        return { kind: 'cancelled', booking };
      });
    },

    /** His bookings: the upcoming ones soonest first, then the rest, newest first, a page at a time. */
    listOf(patron: Patron, page: number) {
      const now = clock.now();
      const total = bookings.pastCountOf(patron.id, now);
      const pages = Math.max(1, Math.ceil(total / BOOKING_PAGE_SIZE));
      const current = Math.min(Math.max(page, 1), pages);
      return {
        invitations: bookings
          .invitationsOf(patron.id, now)
          .map((b) => ({ ...b, members: shownMembers(bookings.membersOf(b.id), patron.id) })),
        upcoming: lines(bookings.upcomingOf(patron.id, now), patron.id),
        past: lines(bookings.pastOf(patron.id, now, BOOKING_PAGE_SIZE, (current - 1) * BOOKING_PAGE_SIZE), patron.id),
        total,
        page: current,
        pages,
        suspendedUntil: suspensionOf(patron.id),
      };
    },

    /**
     * The .ics of a booking the patron made or accepted to be a member of; not-found (a 404) for
     * anyone else's; not-held for one cancelled or released, which would put a meeting that will
     * not take place in his calendar.
     */
    calendarOf(patron: Patron, id: number, l: Localizer): CalendarResult {
      const booking = bookings.find(id);
      if (!booking) return { kind: 'not-found' };
      const member = bookings.membersOf(id).some((m) => m.id === patron.id && m.state === 'accepted');
      if (booking.patronId !== patron.id && !member) return { kind: 'not-found' };
      if (booking.status === 'cancelled' || booking.status === 'no_show') return { kind: 'not-held', booking };
      return { kind: 'calendar', text: bookingCalendar(booking, l, deps.publicUrl) };
    },
  };
}
