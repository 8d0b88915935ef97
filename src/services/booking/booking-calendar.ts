/**
 * A booking as an iCalendar file (RFC 5545), written by ical-generator: the confirmation mail
 * carries it and GET /myrecord/bookings/:id.ics serves it. Times are written in UTC (…Z), which
 * every calendar shows at the right local time: 14:00 in Hong Kong is 06:00Z.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { BookingView } from '../../db/booking/booking-repo.js';
import type { Localizer } from '../../messages/index.js';

export function bookingCalendar(booking: BookingView, l: Localizer, publicUrl: string): string {
  const calendar = ical({
    prodId: { company: 'myRecord', product: 'iBooking', language: l.locale === 'en' ? 'EN' : 'ZH' },
    name: l.t('booking.title'),
  });
  calendar.method(ICalCalendarMethod.PUBLISH);
  calendar.createEvent({
    id: `booking-${booking.id}@${new URL(publicUrl).host}`,
    start: new Date(booking.startsAt),
    end: new Date(booking.endsAt),
    stamp: new Date(booking.createdAt),
    summary: l.t('booking.calendar.summary', { facility: booking.facilityName }),
    location: booking.facilityLocation,
    description: l.t('booking.calendar.description', { id: booking.id, link: `${publicUrl}/myrecord/bookings` }),
    url: `${publicUrl}/myrecord/bookings`,
  });
  return calendar.toString();
}
