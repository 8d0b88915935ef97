import type { Request, Response } from 'express';
import { BOOKING_FORM_FIELDS, type BookingFormField } from '../../domain/booking/booking-form.js';
import { clockTimeOf, parseClockTime } from '../../domain/booking/booking-time.js';
import { isCalendarDate } from '../../domain/shared/library-date.js';
import type { BookingService } from '../../services/booking/booking-service.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { queryText, ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice } from '../session/session-helpers.js';
import { createBookingDayPages } from './booking-day-pages.js';
import { FIELD_LABEL, formProblemText, violationText } from './booking-labels.js';

/** iBooking for the patron: the day view, the booking form, and the booking it sends. */
export function createBookingDayController(deps: { bookings: Pick<BookingService, 'today' | 'dates' | 'dayView' | 'facility' | 'book'> }) {
  const { bookings } = deps;
  const { renderDay, renderForm } = createBookingDayPages(deps);

  return {
    day(req: Request, res: Response) {
      const asked = queryText(req.query.date, 10);
      if (asked === '') return renderDay(req, res, 200, bookings.today());
      if (!bookings.dates().includes(asked)) {
        const dates = bookings.dates();
        return renderDay(req, res, 422, bookings.today(), {
          alert: res.locals.t('booking.dateOutOfRange', {
            first: res.locals.formatDate(dates[0]!),
            last: res.locals.formatDate(dates.at(-1)!),
          }),
        });
      }
      renderDay(req, res, 200, asked);
    },

    showForm(req: Request, res: Response) {
      const facility = wholeNumber(req.query.facility, ROW_ID);
      if (facility === undefined) return renderNotFound(res);
      renderForm(req, res, 200, { facility, date: queryText(req.query.date, 10), start: queryText(req.query.start, 5) });
    },

    submit(req: Request, res: Response) {
      const l = res.locals;
      const form = readFields(req.body, BOOKING_FORM_FIELDS, { members: 1000 });
      const asked = (values: Partial<Record<BookingFormField, string>>) => ({
        facility: wholeNumber(values.facility, ROW_ID) ?? 0,
        date: values.date ?? '',
        start: values.start ?? '',
      });
      if (!form.ok) return renderDay(req, res, 422, bookings.today(), { alert: formFailureMessage(form, l.t, FIELD_LABEL) });
      const result = bookings.book(l.patron!, form.values);
      switch (result.kind) {
        case 'booked': {
          const b = result.booking;
          setNotice(req, 'booking.booked', {
            facility: b.facilityName,
            date: l.formatDate(b.date),
            from: clockTimeOf(b.startsAt),
            to: clockTimeOf(b.endsAt),
          });
          return res.redirect(303, '/myrecord/bookings');
        }
        case 'not-found':
          return renderNotFound(res);
        case 'malformed': {
          const errors: Partial<Record<BookingFormField, string[]>> = {};
          for (const p of result.problems) (errors[p.field] ??= []).push(formProblemText(p, l));
          const a = asked(form.values);
          if (a.facility === 0 || !isCalendarDate(a.date) || parseClockTime(a.start) === undefined) {
            return renderDay(req, res, 422, bookings.today(), { alert: Object.values(errors).flat().join(' ') });
          }
          return renderForm(req, res, 422, a, { values: form.values, errors, alert: l.t('booking.notBooked') });
        }
        case 'refused': {
          const errors: Partial<Record<BookingFormField, string[]>> = {};
          for (const v of result.violations) (errors[v.field] ??= []).push(violationText(v, l));
          const a = asked(form.values);
          // The date itself is out of the range: the form cannot be shown for it, the day view says why.
          if (!bookings.dates().includes(a.date))
            return renderDay(req, res, 422, bookings.today(), { alert: Object.values(errors).flat().join(' ') });
          return renderForm(req, res, 422, a, { values: form.values, errors, alert: l.t('booking.notBooked') });
        }
        case 'taken': {
          const date = bookings.dates().includes(result.date) ? result.date : bookings.today();
          return renderDay(req, res, 409, date, {
            alert: l.t('booking.justTaken', { facility: result.facility.name, start: form.values.start }),
          });
        }
      }
    },
  };
}
