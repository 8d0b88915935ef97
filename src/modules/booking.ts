/**
 * iBooking: rooms and computers by the slot, with group bookings, check-in (at the desk or a
 * facility's kiosk) and no-shows released ten minutes after the start.
 */
import { createBookingRepo } from '../db/booking/booking-repo.js';
import { createFacilityRepo } from '../db/booking/facility-repo.js';
import { createKioskLinkRepo } from '../db/booking/kiosk-link-repo.js';
import type { AuthService } from '../services/auth/auth-service.js';
import { createBookingNotes } from '../services/booking/booking-notes.js';
import { createBookingService } from '../services/booking/booking-service.js';
import { createFacilityService } from '../services/booking/facility-service.js';
import { createKioskService } from '../services/booking/kiosk-service.js';
import { bookingHome, bookingRoutes } from '../web/booking/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

export function bookingModule(k: Kernel, given: { auth: AuthService }) {
  const { db, clock, history, audit, patrons } = k;
  const bookingRepo = createBookingRepo(db);
  const facilityRepo = createFacilityRepo(db);
  const notes = createBookingNotes({ history, audit, notices: k.notices, patrons, publicUrl: k.config.publicUrl });
  const bookings = createBookingService({
    db,
    bookings: bookingRepo,
    facilities: facilityRepo,
    patrons,
    history,
    notes,
    clock,
    publicUrl: k.config.publicUrl,
  });
  const facilitiesDesk = createFacilityService({ db, facilities: facilityRepo, bookings: bookingRepo, audit, notes, clock });
  // A facility's check-in screen in a public place: a link, not a staff session; the PIN through the login's gate.
  const kiosks = createKioskService({ db, links: createKioskLinkRepo(db), bookings, auth: given.auth, audit, clock });
  const area: Area = {
    routes: (web) => bookingRoutes({ bookings, facilitiesDesk, kiosks }, web),
    home: bookingHome(bookings),
    housekeeping: [{ what: 'releasing no-shows', run: () => bookings.releaseNoShows() }],
  };
  return { area, services: { bookings, facilitiesDesk }, repos: { bookings: bookingRepo, facilities: facilityRepo } };
}
