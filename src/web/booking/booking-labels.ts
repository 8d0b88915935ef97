/** The words of the iBooking pages, by code: kinds, slot states, statuses, refusals, history steps. */
import type { HistoryEntry } from '../../domain/shared/status-history.js';
import type { BookingCode, BookingViolation } from '../../domain/booking/booking-rules.js';
import type { BookingFormField, BookingFormProblem } from '../../domain/booking/booking-form.js';
import { clockTimeOf } from '../../domain/booking/booking-time.js';
import type { SlotState } from '../../domain/booking/day-slots.js';
import type { BookingStatus, FacilityKind } from '../../domain/booking/facility.js';
import type { MemberState } from '../../domain/booking/invitation.js';
import type { Localizer, MessageKey } from '../../messages/index.js';

type Words = Pick<Localizer, 't' | 'formatDate' | 'formatDateTime'>;

export const KIND_TEXT: Record<FacilityKind, MessageKey> = {
  group_room: 'booking.kind.group_room',
  single_room: 'booking.kind.single_room',
  computer: 'booking.kind.computer',
};

export const SLOT_STATE_TEXT: Record<SlotState, MessageKey> = {
  free: 'booking.slot.free',
  booked: 'booking.slot.booked',
  yours: 'booking.slot.yours',
  closed: 'booking.slot.closed',
  past: 'booking.slot.past',
};

export const STATUS_TEXT: Record<BookingStatus, MessageKey> = {
  booked: 'booking.status.booked',
  checked_in: 'booking.status.checked_in',
  cancelled: 'booking.status.cancelled',
  no_show: 'booking.status.no_show',
};

export const FIELD_LABEL: Record<BookingFormField, MessageKey> = {
  facility: 'booking.field.facility',
  date: 'booking.field.date',
  start: 'booking.field.start',
  slots: 'booking.field.slots',
  members: 'booking.field.members',
};

const VIOLATION_TEXT: Record<BookingCode, MessageKey> = {
  SUSPENDED: 'booking.rule.SUSPENDED',
  TYPE_NOT_ALLOWED: 'booking.rule.TYPE_NOT_ALLOWED',
  DATE_OUT_OF_RANGE: 'booking.rule.DATE_OUT_OF_RANGE',
  CLOSED_THAT_DAY: 'booking.rule.CLOSED_THAT_DAY',
  OUTSIDE_HOURS: 'booking.rule.OUTSIDE_HOURS',
  STARTED: 'booking.rule.STARTED',
  BLACKOUT: 'booking.rule.BLACKOUT',
  DAY_LIMIT: 'booking.rule.DAY_LIMIT',
  WEEK_LIMIT: 'booking.rule.WEEK_LIMIT',
  MADE_LIMIT: 'booking.rule.MADE_LIMIT',
  OVERLAP: 'booking.rule.OVERLAP',
  TOO_FEW_PEOPLE: 'booking.rule.TOO_FEW_PEOPLE',
  TOO_MANY_PEOPLE: 'booking.rule.TOO_MANY_PEOPLE',
  MEMBER_NOT_INVITABLE: 'booking.rule.MEMBER_NOT_INVITABLE',
  MEMBER_REPEATED: 'booking.rule.MEMBER_REPEATED',
};

const FORM_PROBLEM_TEXT: Record<BookingFormProblem['code'], MessageKey> = {
  FACILITY_MISSING: 'booking.problem.FACILITY_MISSING',
  DATE_MALFORMED: 'booking.problem.DATE_MALFORMED',
  START_MALFORMED: 'booking.problem.START_MALFORMED',
  SLOTS_MALFORMED: 'booking.problem.SLOTS_MALFORMED',
  MEMBER_MALFORMED: 'booking.problem.MEMBER_MALFORMED',
  MEMBERS_TOO_MANY: 'booking.problem.MEMBERS_TOO_MANY',
};

/** A broken rule in one sentence that names the rule and what is still possible. */
export function violationText(v: BookingViolation, l: Words): string {
  const p: Record<string, string | number> = { code: v.code };
  switch (v.code) {
    case 'SUSPENDED':
      p.until = l.formatDateTime(v.until);
      break;
    case 'DATE_OUT_OF_RANGE':
      p.first = l.formatDate(v.first);
      p.last = l.formatDate(v.last);
      break;
    case 'OUTSIDE_HOURS':
      Object.assign(p, { opens: v.opens, closes: v.closes, minutes: v.slotMinutes });
      break;
    case 'BLACKOUT':
      Object.assign(p, { reason: v.reason, until: l.formatDateTime(v.until) });
      break;
    case 'DAY_LIMIT':
    case 'WEEK_LIMIT':
      Object.assign(p, { allowed: v.allowed, left: v.left });
      break;
    case 'MADE_LIMIT':
      Object.assign(p, { allowed: v.allowed, days: v.days });
      break;
    case 'OVERLAP':
      Object.assign(p, { facility: v.facility, from: clockTimeOf(v.from), to: clockTimeOf(v.to), asMember: v.asMember ? 'yes' : 'no' });
      break;
    case 'TOO_FEW_PEOPLE':
      Object.assign(p, { min: v.min, others: v.min - 1, people: v.people });
      break;
    case 'TOO_MANY_PEOPLE':
      Object.assign(p, { max: v.max, people: v.people });
      break;
    case 'MEMBER_NOT_INVITABLE':
    case 'MEMBER_REPEATED':
      p.barcode = v.barcode;
      break;
    default:
      break;
  }
  return l.t(VIOLATION_TEXT[v.code], p);
}

export function formProblemText(p: BookingFormProblem, l: Words): string {
  return l.t(FORM_PROBLEM_TEXT[p.code], { barcode: 'barcode' in p ? p.barcode : '', max: 'max' in p ? p.max : 0 });
}

/**
 * Who reads a history: the patron who booked ("by you"), staff ("by the patron"), or a member of
 * someone else's group booking, for whom the patron's steps are the booker's ("Booked by Chan Tai
 * Man"), named as his invitation names him; a check-in is not said to be anyone's, since any
 * member may have made it at the kiosk.
 */
export type Reader = 'patron' | 'staff' | 'member';

/** Each step of a booking's history in words: when, what, and by whom (the patron, staff, or housekeeping) with the reason. */
export function historyLines(
  history: HistoryEntry[],
  l: Words,
  reader: Reader = 'patron',
  booker = '',
): Array<{ atMs: number; when: string; text: string }> {
  return history.map((step) => {
    if (step.reason === 'too_few_people') return { atMs: step.atMs, when: l.formatDateTime(step.atMs), text: l.t('booking.historyTooFew') };
    const by = step.staffUsername === null ? (step.status === 'no_show' ? 'system' : 'patron') : 'staff';
    return {
      atMs: step.atMs,
      when: l.formatDateTime(step.atMs),
      text: l.t(step.note === null ? 'booking.historyStep' : 'booking.historyStepReason', {
        status: step.status,
        by,
        reader,
        booker,
        username: step.staffUsername ?? '',
        reason: step.note ?? '',
      }),
    };
  });
}

/** A group booking's member with where his invitation stands: "…0007 (invited)", "Tse Ka Ho (accepted)". */
export function memberText(who: string, state: MemberState, l: Words): string {
  return l.t('booking.memberState', { who, state });
}

/** "14:00–15:00" of a booking or slot. */
export function timeSpan(from: number, to: number, l: Words): string {
  return l.t('booking.timeSpan', { from: clockTimeOf(from), to: clockTimeOf(to) });
}
