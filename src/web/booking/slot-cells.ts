import type { Response } from 'express';
import { clockTime } from '../../domain/booking/booking-time.js';
import type { Slot } from '../../domain/booking/day-slots.js';
import { SLOT_STATE_TEXT, timeSpan } from './booking-labels.js';

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
