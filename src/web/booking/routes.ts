/**
 * iBooking: the patron's day view, bookings, invitations and calendar files; the facilities staff's
 * day, facilities, blackouts and kiosk links; and the kiosk a facility's screen shows.
 */
import { Router } from 'express';
import { clockTimeOf } from '../../domain/booking/booking-time.js';
import type { BookingService } from '../../services/booking/booking-service.js';
import type { FacilityService } from '../../services/booking/facility-service.js';
import type { KioskService } from '../../services/booking/kiosk-service.js';
import type { HomeService } from '../home/home-controller.js';
import type { WebKit } from '../http/web-kit.js';
import { createBookingDayController } from './booking-day-controller.js';
import { createBookingInvitationController } from './booking-invitation-controller.js';
import { createKioskController } from './kiosk-controller.js';
import { createMyBookingsController } from './my-bookings-controller.js';
import { createStaffBlackoutController } from './staff-blackout-controller.js';
import { createStaffBookingController } from './staff-booking-controller.js';
import { createStaffFacilityController } from './staff-facility-controller.js';
import { createStaffKioskLinkController } from './staff-kiosk-link-controller.js';

export function bookingRoutes(
  deps: { bookings: BookingService; facilitiesDesk: FacilityService; kiosks: KioskService },
  web: WebKit,
): Router {
  const { bookings } = deps;
  const day = createBookingDayController({ bookings });
  const mine = createMyBookingsController({ bookings });
  const invitations = createBookingInvitationController({ bookings });
  const staffDay = createStaffBookingController({ bookings });
  const facilities = createStaffFacilityController({ desk: deps.facilitiesDesk });
  const blackouts = createStaffBlackoutController({ desk: deps.facilitiesDesk });
  const kioskLinks = createStaffKioskLinkController({ kiosks: deps.kiosks, publicUrl: web.config.publicUrl });
  const kiosk = createKioskController({ kiosks: deps.kiosks });

  const router = Router();
  const { service } = web.guards;
  // The booking form a free slot of the day view leads to.
  router.get('/myrecord/bookings', ...service, mine.list);
  router.get('/myrecord/bookings/day', ...service, day.day);
  router.get('/myrecord/bookings/new', ...service, day.showForm);
  router.post('/myrecord/bookings', ...service, day.submit);
  router.get('/myrecord/bookings/:id/cancel', ...service, mine.confirmCancel);
  router.post('/myrecord/bookings/:id/cancel', ...service, mine.cancel);
  router.post('/myrecord/bookings/:id/accept', ...service, invitations.accept);
  router.post('/myrecord/bookings/:id/decline', ...service, invitations.decline);
  router.get('/myrecord/bookings/:id.ics', ...service, mine.calendar);

  // A facility's kiosk: a public screen reached by the link staff made, with no session needed or
  // used (no guard reads one); a patron checks in there with barcode and PIN.
  router.get('/kiosk/:token', kiosk.show);
  router.post('/kiosk/:token/check-in', kiosk.checkIn);

  const facilitiesDesk = web.guards.role('facilities');
  router.get('/staff/bookings', ...facilitiesDesk, staffDay.day);
  router.post('/staff/bookings/:id/check-in', ...facilitiesDesk, staffDay.checkIn);
  router.post('/staff/bookings/:id/cancel', ...facilitiesDesk, staffDay.cancel);
  router.get('/staff/facilities', ...facilitiesDesk, facilities.show);
  router.post('/staff/facilities', ...facilitiesDesk, facilities.add);
  // Before /staff/facilities/:id, which would take "blackouts" for a facility's id.
  router.post('/staff/facilities/blackouts', ...facilitiesDesk, blackouts.add);
  router.post('/staff/facilities/blackouts/:id/delete', ...facilitiesDesk, blackouts.delete);
  router.get('/staff/facilities/:id', ...facilitiesDesk, facilities.showEdit);
  router.post('/staff/facilities/:id', ...facilitiesDesk, facilities.edit);
  // A new kiosk link for the facility, shown once; the old one stops working.
  router.post('/staff/facilities/:id/kiosk', ...facilitiesDesk, kioskLinks.make);
  return router;
}

/** On the home: his next booking not yet over ("Room booked today 14:00–15:00"). Every patron type may book. */
export function bookingHome(bookings: BookingService): HomeService {
  return {
    service: 'bookings',
    summary(patron, l) {
      const next = bookings.next(patron);
      if (!next) return l.t('home.summary.noBookings');
      return l.t('home.summary.booking', {
        kind: next.facilityKind,
        day: next.date === bookings.today() ? 'today' : 'other',
        date: l.formatDate(next.date),
        from: clockTimeOf(next.startsAt),
        to: clockTimeOf(next.endsAt),
        facility: next.facilityName,
      });
    },
    mayUse: () => true,
  };
}
