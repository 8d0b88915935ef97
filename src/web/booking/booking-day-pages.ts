/**
 * The patron's day view and booking form as pages: what each shows of the day's slots, his
 * slots left and his suspension. Both are shown again, with what went wrong, when a booking fails.
 */
import type { Request, Response } from 'express';
import type { BookingFormField } from '../../domain/booking/booking-form.js';
import { clockTime, clockTimeOf, parseClockTime } from '../../domain/booking/booking-time.js';
import { isCalendarDate } from '../../domain/shared/library-date.js';
import type { BookingService } from '../../services/booking/booking-service.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { takeNotice } from '../session/session-helpers.js';
import { FIELD_LABEL, KIND_TEXT, SLOT_STATE_TEXT } from './booking-labels.js';
import { slotCells } from './slot-cells.js';

type Locals = Response['locals'];

export type BookingDayPages = ReturnType<typeof createBookingDayPages>;

export function createBookingDayPages(deps: { bookings: Pick<BookingService, 'dates' | 'dayView' | 'facility'> }) {
  const { bookings } = deps;

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

  return { renderDay, renderForm };
}
