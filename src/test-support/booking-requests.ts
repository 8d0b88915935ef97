/**
 * iBooking as the integration tests drive it: a booking made the way a patron makes one (the form
 * first, then its POST), and the facility ids and booking rows the tests check afterwards.
 */
import type { Answer, TestBrowser, TestPortal } from './test-portal.js';
import { prepare } from './raw-sql.js';

/** What the booking form is sent; the date defaults to the one the caller passes. */
export interface BookingAsked {
  facility: number;
  date?: string;
  start: string;
  slots?: string;
  members?: string;
}

/** Opens the booking form of a slot, as its link on the day view would, and sends it. */
export async function bookThroughForm(who: TestBrowser, fields: BookingAsked, defaultDate: string): Promise<Answer> {
  const date = fields.date ?? defaultDate;
  await who.get(`/myrecord/bookings/new?facility=${fields.facility}&date=${date}&start=${fields.start}`);
  return who.post('/myrecord/bookings', {
    facility: String(fields.facility),
    date,
    start: fields.start,
    slots: fields.slots ?? '1',
    members: fields.members ?? '',
  });
}

/** A demo facility's id, by its name. */
export const facilityId = (portal: TestPortal, name: string): number => portal.portal.repos.facilities.idByName(name)!;

/** The newest booking's id. */
export const lastBookingId = (portal: TestPortal): number =>
  prepare(portal.portal.db, 'SELECT MAX(id) FROM bookings').pluck().get() as number;

/** A booking's status as stored. */
export const bookingStatus = (portal: TestPortal, bookingId: number): unknown =>
  prepare(portal.portal.db, 'SELECT status FROM bookings WHERE id = ?').pluck().get(bookingId);
