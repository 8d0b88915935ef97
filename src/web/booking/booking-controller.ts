import type { Request, Response } from 'express';
import { BOOKING_FORM_FIELDS, type BookingFormField } from '../../domain/booking/booking-form.js';
import { clockTime, clockTimeOf, parseClockTime } from '../../domain/booking/booking-time.js';
import type { Slot } from '../../domain/booking/day-slots.js';
import type { Answer } from '../../domain/booking/invitation.js';
import { isCalendarDate } from '../../domain/circulation/library-date.js';
import type { BookingService } from '../../services/booking/booking-service.js';
import type { BookingLine } from '../../services/booking/booking-lines.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { pageLinks } from '../http/page-links.js';
import { queryText, ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, setWarning, takeNotice } from '../session/session-helpers.js';
import {
  FIELD_LABEL,
  formProblemText,
  historyLines,
  KIND_TEXT,
  memberText,
  SLOT_STATE_TEXT,
  STATUS_TEXT,
  timeSpan,
  violationText,
} from './booking-labels.js';

type Locals = Response['locals'];

/** The slots of a facility as the day view lists them: time, state in words, and the link of a free one. */
export function slotCells(slots: Slot[], facilityId: number, date: string, l: Locals, bookable: boolean) {
  return slots.map((s) => ({
    state: s.state,
    time: timeSpan(s.start, s.end, l),
    stateText: l.t(SLOT_STATE_TEXT[s.state]),
    reason: s.state === 'closed' && s.blackout ? s.blackout.reason : null,
    href:
      bookable && s.state === 'free' ? `/myrecord/bookings/new?facility=${facilityId}&date=${date}&start=${clockTime(s.minutes)}` : null,
  }));
}

/** iBooking for the patron: his bookings, the day view, the booking form, cancelling, the .ics. */
export function createBookingController(deps: { bookings: BookingService }) {
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

  /** The notice after an answer to an invitation, and whether it is a warning (nothing was changed). */
  function answered(req: Request, res: Response, answer: Answer) {
    const l = res.locals;
    const id = wholeNumber(req.params.id, ROW_ID);
    const result = id === undefined ? ({ kind: 'not-found' } as const) : bookings.answer(l.patron!, id, answer);
    if (result.kind === 'not-found') return renderNotFound(res);
    const b = result.booking;
    const params = { facility: b.facilityName, date: l.formatDate(b.date), from: clockTimeOf(b.startsAt), to: clockTimeOf(b.endsAt) };
    switch (result.kind) {
      case 'accepted':
        setNotice(req, 'booking.accepted', params);
        break;
      case 'declined':
        setNotice(req, result.left ? 'booking.left' : 'booking.declined', params);
        break;
      case 'unchanged':
        setWarning(req, 'booking.answerUnchanged', { ...params, state: result.state });
        break;
      case 'closed':
        setWarning(req, 'booking.answerClosed', params);
        break;
      case 'busy':
        setWarning(req, 'booking.acceptBusy', {
          ...params,
          asMember: result.asMember ? 'yes' : 'no',
          other: result.facility,
          otherFrom: clockTimeOf(result.from),
          otherTo: clockTimeOf(result.to),
        });
        break;
    }
    res.redirect(303, '/myrecord/bookings');
  }

  /** The day view's date buttons, each with its weekday ("Mon, 7 Dec"): "the 9th" alone left readers counting on their fingers. */
  function datesNav(shown: string, l: Locals) {
    return bookings.dates().map((d) => ({ date: d, text: l.formatWeekdayDate(d), current: d === shown }));
  }

  function renderDay(req: Request, res: Response, status: number, date: string, view: { alert?: string } = {}) {
    const l = res.locals;
    const patron = l.patron!;
    const dayView = bookings.dayView(patron, date)!;
    res.status(status).render('booking/day', {
      date,
      dateText: l.formatDate(date),
      dates: datesNav(date, l),
      facilities: dayView.facilities.map(({ facility, slots, endedAt }) => ({
        id: facility.id,
        name: facility.name,
        kind: l.t(KIND_TEXT[facility.kind]),
        location: facility.location,
        capacity: l.t('booking.capacity', { min: facility.capacityMin, max: facility.capacityMax }),
        allowed: facility.patronTypes.includes(patron.patronType),
        // Every slot is over: one line says so, with when the last one ended.
        endedAt: endedAt === null ? null : clockTimeOf(endedAt),
        // The day view lists no slot that is over, so a "past" one there is under way: it says "Started".
        slots: slotCells(
          slots,
          facility.id,
          date,
          l,
          dayView.suspendedUntil === null && facility.patronTypes.includes(patron.patronType),
        ).map((cell) => (cell.state === 'past' ? { ...cell, stateText: l.t('booking.slot.started') } : cell)),
      })),
      left: dayView.quota.left,
      limits: dayView.quota.limits,
      suspendedUntil: dayView.suspendedUntil,
      notice: takeNotice(req, l.t),
      alert: undefined,
      ...view,
    });
  }

  function renderForm(
    req: Request,
    res: Response,
    status: number,
    asked: { facility: number; date: string; start: string },
    view: { values?: Partial<Record<BookingFormField, string>>; errors?: Partial<Record<BookingFormField, string[]>>; alert?: string } = {},
  ) {
    const l = res.locals;
    const patron = l.patron!;
    const facility = bookings.facility(asked.facility);
    const start = parseClockTime(asked.start);
    const day = facility && isCalendarDate(asked.date) && start !== undefined ? bookings.dayView(patron, asked.date, 'all') : undefined;
    if (!facility || !day || start === undefined) return renderNotFound(res);
    const slots = day.facilities.find((f) => f.facility.id === facility.id)?.slots ?? [];
    // How many slots can follow from the chosen one: free and consecutive, within what he has left.
    const from = slots.findIndex((s) => s.minutes === start);
    let run = 0;
    while (from >= 0 && slots[from + run]?.state === 'free') run++;
    const most = Math.max(1, Math.min(run, day.quota.left.most));
    const group = facility.kind === 'group_room';
    res.status(status).render('booking/new', {
      facility: {
        id: facility.id,
        name: facility.name,
        kind: l.t(KIND_TEXT[facility.kind]),
        location: facility.location,
        capacity: l.t('booking.capacity', { min: facility.capacityMin, max: facility.capacityMax }),
      },
      group,
      othersNeeded: Math.max(0, facility.capacityMin - 1),
      othersMax: facility.capacityMax - 1,
      date: asked.date,
      dateText: l.formatDate(asked.date),
      start: clockTime(start),
      slotMinutes: facility.slotMinutes,
      choices: Array.from({ length: most }, (_, i) => ({
        value: String(i + 1),
        text: l.t('booking.slotsChoice', { count: i + 1, from: clockTime(start), to: clockTime(start + (i + 1) * facility.slotMinutes) }),
      })),
      free: from >= 0 && slots[from]?.state === 'free',
      stateText: from >= 0 ? l.t(SLOT_STATE_TEXT[slots[from]!.state]) : '',
      quota: day.quota,
      suspendedUntil: day.suspendedUntil,
      labels: FIELD_LABEL,
      values: {},
      errors: {},
      notice: takeNotice(req, l.t),
      alert: undefined,
      ...view,
    });
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

    /** POST /myrecord/bookings/:id/accept: the member joins the group booking he is invited to. */
    accept(req: Request, res: Response) {
      answered(req, res, 'accept');
    },

    /** POST /myrecord/bookings/:id/decline: the member says no, or leaves a booking he had accepted. */
    decline(req: Request, res: Response) {
      answered(req, res, 'decline');
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
