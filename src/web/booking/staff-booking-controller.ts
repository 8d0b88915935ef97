import type { Request, Response } from 'express';
import { clockTimeOf } from '../../domain/booking/booking-time.js';
import { isCalendarDate } from '../../domain/shared/library-date.js';
import type { BookingService } from '../../services/booking/booking-service.js';
import { CANCEL_REASON_MAX } from '../../services/booking/staff-booking-desk-service.js';
import { readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { queryText, ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
import { KIND_TEXT, memberText, STATUS_TEXT, timeSpan } from './booking-labels.js';
import { slotCells } from './slot-cells.js';
import { staffActor } from './staff-actor.js';

type Locals = Response['locals'];

/** iBooking for staff with the facilities role: the day view of every facility, check-in, cancelling. */
export function createStaffBookingController(deps: { bookings: BookingService }) {
  const { bookings } = deps;

  type DayBooking = ReturnType<BookingService['staffDay']>['bookings'][number];

  /** The day's bookings as the view lists them, in the order the service gives: by start, then facility. */
  function bookingRows(list: DayBooking[], l: Locals) {
    return list.map((b) => ({
      id: b.id,
      facility: b.facilityName,
      time: timeSpan(b.startsAt, b.endsAt, l),
      patron: l.t('staffBooking.patronName', { name: b.patronName, barcode: b.patronBarcode }),
      // Staff see every member by name and barcode, with where his invitation stands.
      members: l.formatList(
        b.members.map((m) => memberText(l.t('staffBooking.patronName', { name: m.name, barcode: m.barcode }), m.state, l)),
      ),
      statusCode: b.status,
      status: l.t(STATUS_TEXT[b.status]),
      cancelReason: b.cancelReason,
      mayCheckIn: b.status === 'booked' && b.window.kind === 'open',
      window:
        b.status !== 'booked'
          ? ''
          : b.window.kind === 'not-yet'
            ? l.t('staffBooking.checkInFrom', { time: clockTimeOf(b.window.opensAt) })
            : b.window.kind === 'over'
              ? l.t('staffBooking.checkInOver')
              : '',
      mayCancel: b.status === 'booked' || b.status === 'checked_in',
    }));
  }

  function dateAsked(req: Request): string {
    const asked = queryText(req.query.date, 10);
    return isCalendarDate(asked) ? asked : bookings.today();
  }

  function renderDay(req: Request, res: Response, status: number, view: { alert?: string; errorFor?: number; error?: string } = {}) {
    const l = res.locals;
    const date = dateAsked(req);
    const day = bookings.staffDay(date);
    res.status(status).render('booking/staff-day', {
      date,
      dateText: l.formatDate(date),
      facilities: day.facilities.map(({ facility, slots }) => ({
        id: facility.id,
        name: facility.name,
        kind: l.t(KIND_TEXT[facility.kind]),
        location: facility.location,
        capacity: l.t('booking.capacity', { min: facility.capacityMin, max: facility.capacityMax }),
        slots: slotCells(slots, facility.id, date, l, false),
      })),
      rows: bookingRows(day.bookings, l),
      cancelledRows: bookingRows(day.cancelled, l),
      reasonMax: CANCEL_REASON_MAX,
      notice: takeNotice(req, l.t),
      alert: undefined,
      errorFor: undefined,
      error: undefined,
      ...view,
    });
  }

  /** Where a check-in or cancel goes back to: the day view of the booking's date. */
  const back = (date: string): string => `/staff/bookings?date=${date}`;

  return {
    day(req: Request, res: Response) {
      renderDay(req, res, 200);
    },

    checkIn(req: Request, res: Response) {
      const l = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : bookings.checkIn(staffActor(req, res), id);
      if (result.kind === 'not-found') return renderNotFound(res);
      const b = result.booking;
      const params = { patron: b.patronName, facility: b.facilityName, from: clockTimeOf(b.startsAt), to: clockTimeOf(b.endsAt) };
      if (result.kind === 'checked-in') setNotice(req, 'staffBooking.checkedIn', params);
      else if (result.kind === 'not-waiting') setNotice(req, 'staffBooking.notWaiting', { ...params, status: l.t(STATUS_TEXT[b.status]) });
      else if (result.window.kind === 'not-yet')
        setNotice(req, 'staffBooking.tooEarly', { ...params, time: clockTimeOf(result.window.opensAt) });
      else if (result.window.kind === 'over')
        setNotice(req, 'staffBooking.tooLate', { ...params, time: clockTimeOf(result.window.closedAt) });
      res.redirect(303, back(b.date));
    },

    cancel(req: Request, res: Response) {
      const l = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      const form = readFields(req.body, ['reason'], { reason: CANCEL_REASON_MAX * 2 });
      const result = form.ok ? bookings.staffCancel(staffActor(req, res), id, form.values.reason) : ({ kind: 'reason-too-long' } as const);
      switch (result.kind) {
        case 'not-found':
          return renderNotFound(res);
        case 'reason-required':
          return renderDay(req, res, 422, {
            alert: l.t('staffBooking.reasonRequired'),
            errorFor: id,
            error: l.t('staffBooking.reasonRequired'),
          });
        case 'reason-too-long':
          return renderDay(req, res, 422, {
            alert: l.t('staffBooking.reasonTooLong', { max: CANCEL_REASON_MAX }),
            errorFor: id,
            error: l.t('staffBooking.reasonTooLong', { max: CANCEL_REASON_MAX }),
          });
        case 'closed':
        case 'cancelled': {
          const b = result.booking;
          const params = {
            patron: b.patronName,
            facility: b.facilityName,
            from: clockTimeOf(b.startsAt),
            to: clockTimeOf(b.endsAt),
            status: l.t(STATUS_TEXT[b.status]),
          };
          setNotice(req, result.kind === 'cancelled' ? 'staffBooking.cancelled' : 'staffBooking.notCancellable', params);
          return res.redirect(303, back(b.date));
        }
      }
    },
  };
}
