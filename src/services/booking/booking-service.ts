/**
 * iBooking (docs/rules.md §8) as one service, for the portal to build once and hand to the pages,
 * the kiosk and housekeeping: each flow is its own factory in its own file, and this puts them
 * side by side. They share no state, only the database they read and write.
 */
import type { BookingServiceDeps } from './booking-facts.js';
import { createBookingCheckInService } from './booking-check-in-service.js';
import { createBookingHomeService } from './booking-home-service.js';
import { createBookingInvitationService } from './booking-invitation-service.js';
import { createMyBookingsService } from './my-bookings-service.js';
import { createPatronBookingService } from './patron-booking-service.js';
import { createStaffBookingDeskService } from './staff-booking-desk-service.js';

export type BookingService = ReturnType<typeof createBookingService>;

export function createBookingService(deps: BookingServiceDeps) {
  return {
    // The patron's day view and booking form.
    ...createPatronBookingService(deps),
    // His list of bookings, cancelling, calendar files.
    ...createMyBookingsService(deps),
    // A group room's members answering their invitations.
    ...createBookingInvitationService(deps),
    // Check-in at the desk and the kiosk, and no-shows released.
    ...createBookingCheckInService(deps),
    // The facilities desk's day view and cancelling with a reason.
    ...createStaffBookingDeskService(deps),
    // The home page's line.
    ...createBookingHomeService(deps),
  };
}
