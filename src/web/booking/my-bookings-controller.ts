import type { Request, Response } from 'express';
import { clockTimeOf } from '../../domain/booking/booking-time.js';
import type { BookingService } from '../../services/booking/booking-service.js';
import type { BookingLine } from '../../services/booking/booking-lines.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { pageLinks } from '../http/page-links.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
import { historyLines, KIND_TEXT, memberText, STATUS_TEXT, timeSpan } from './booking-labels.js';

type Locals = Response['locals'];

/** iBooking for the patron: his bookings and invitations, cancelling one (a confirm page first), the .ics. */
export function createMyBookingsController(deps: { bookings: Pick<BookingService, 'listOf' | 'cancelCheck' | 'cancel' | 'calendarOf'> }) {
  const { bookings } = deps;

  /** What a booking's line and an invitation's line both show: where, when, and who else is in it. */
  function whereAndWhen(b: Omit<BookingLine, 'own' | 'history' | 'mayCancel' | 'mayLeave' | 'status'>, l: Locals) {
    return {
      id: b.id,
      facility: b.facilityName,
      kind: l.t(KIND_TEXT[b.facilityKind]),
      location: b.facilityLocation,
      date: l.formatDate(b.date),
      time: timeSpan(b.startsAt, b.endsAt, l),
      members: l.formatList(b.members.map((m) => memberText(m.shown, m.state, l))),
    };
  }

  /**
   * His bookings' cards. One he is only a member of names its booker (by name, as the invitation
   * did: never the barcode), tells its history as the booker's, and says what is his to do.
   */
  function bookingLines(list: BookingLine[], l: Locals) {
    return list.map((b) => ({
      ...whereAndWhen(b, l),
      status: l.t(STATUS_TEXT[b.status]),
      bookedBy: b.own ? null : b.patronName,
      history: b.own ? historyLines(b.history, l) : historyLines(b.history, l, 'member', b.patronName),
      // A calendar file only for a booking that still takes place (the .ics route refuses the others).
      calendar: b.status === 'booked' || b.status === 'checked_in',
      mayCancel: b.mayCancel,
      mayLeave: b.mayLeave,
    }));
  }

  return {
    list(req: Request, res: Response) {
      const l = res.locals;
      const page = wholeNumber(req.query.page, { min: 1, max: 1_000_000 }) ?? 1;
      const list = bookings.listOf(l.patron!, page);
      const href = (p: number) => `/myrecord/bookings?page=${p}`;
      res.render('booking/list', {
        invitations: list.invitations.map((b) => ({ ...whereAndWhen(b, l), bookedBy: b.patronName })),
        upcoming: bookingLines(list.upcoming, l),
        past: bookingLines(list.past, l),
        total: list.total,
        suspendedUntil: list.suspendedUntil,
        pageLinks: pageLinks(list.page, list.pages).map((link) => (link.kind === 'page' ? { ...link, href: href(link.page) } : link)),
        previousHref: list.page > 1 ? href(list.page - 1) : undefined,
        nextHref: list.page < list.pages ? href(list.page + 1) : undefined,
        notice: takeNotice(req, l.t),
      });
    },

    /**
     * GET /myrecord/bookings/:id/cancel: the booking and one button that cancels it, since one
     * click on the list used to cancel at once. Showing it changes nothing; a booking that can no
     * longer be cancelled is said to be so (409), without the button.
     */
    confirmCancel(req: Request, res: Response) {
      const l = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const check = id === undefined ? ({ kind: 'not-found' } as const) : bookings.cancelCheck(l.patron!, id);
      if (check.kind === 'not-found') return renderNotFound(res);
      const b = check.booking;
      res.status(check.kind === 'open' ? 200 : 409).render('booking/cancel', {
        booking: {
          id: b.id,
          facility: b.facilityName,
          kind: l.t(KIND_TEXT[b.facilityKind]),
          location: b.facilityLocation,
          date: l.formatDate(b.date),
          time: timeSpan(b.startsAt, b.endsAt, l),
          status: l.t(STATUS_TEXT[b.status]),
        },
        open: check.kind === 'open',
        tooLate: l.t('booking.cancelTooLate', {
          facility: b.facilityName,
          date: l.formatDate(b.date),
          from: clockTimeOf(b.startsAt),
          to: clockTimeOf(b.endsAt),
        }),
      });
    },

    /** POST /myrecord/bookings/:id/cancel: the only thing that cancels a booking (from the confirm page). */
    cancel(req: Request, res: Response) {
      const l = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : bookings.cancel(l.patron!, id);
      if (result.kind === 'not-found') return renderNotFound(res);
      const b = result.booking;
      setNotice(req, result.kind === 'cancelled' ? 'booking.cancelled' : 'booking.cancelTooLate', {
        facility: b.facilityName,
        date: l.formatDate(b.date),
        from: clockTimeOf(b.startsAt),
        to: clockTimeOf(b.endsAt),
      });
      res.redirect(303, '/myrecord/bookings');
    },

    /**
     * GET /myrecord/bookings/:id.ics: his booking (or one he is a member of) as a calendar file;
     * 410 with a page that says why for one cancelled or released, which will not take place.
     */
    calendar(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : bookings.calendarOf(res.locals.patron!, id, res.locals);
      if (result.kind === 'not-found') return renderNotFound(res);
      if (result.kind === 'not-held')
        return res.status(410).render('errors/error', {
          titleKey: 'booking.calendarGone.title',
          bodyKey: 'booking.calendarGone.body',
          bodyParams: { status: result.booking.status },
        });
      res
        .set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="booking-${id}.ics"` })
        .send(result.text);
    },
  };
}
