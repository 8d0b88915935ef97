/** iBooking on the patron's home page: his next booking not yet over, and whether it is today. */
import type { BookingView } from '../../db/booking/booking-repo.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { createBookingFacts, type BookingServiceDeps } from './booking-facts.js';

export type BookingHomeService = ReturnType<typeof createBookingHomeService>;

export function createBookingHomeService(deps: Pick<BookingServiceDeps, 'bookings' | 'facilities' | 'patrons' | 'clock'>) {
  const { bookings, clock } = deps;
  const { today } = createBookingFacts(deps);

  return {
    today,

    /** The home's line: his next booking not yet over, if any. */
    next(patron: Patron): BookingView | undefined {
      return bookings.upcomingOf(patron.id, clock.now())[0];
    },
  };
}
