/**
 * The booking form as posted (facility, date, start, slots, members), read into what
 * the rules check; what cannot be read at all is a problem beside its field. The members are
 * barcodes separated by commas, spaces or new lines.
 */
import { normaliseBarcode } from '../patrons/barcode.js';
import { isCalendarDate } from '../shared/library-date.js';
import { parseClockTime } from './booking-time.js';

export const BOOKING_FORM_FIELDS = ['facility', 'date', 'start', 'slots', 'members'] as const;
export type BookingFormField = (typeof BOOKING_FORM_FIELDS)[number];
/** More barcodes than any room holds are not read. */
export const MEMBERS_MAX = 20;

export type BookingFormProblem =
  | { code: 'FACILITY_MISSING'; field: 'facility' }
  | { code: 'DATE_MALFORMED'; field: 'date' }
  | { code: 'START_MALFORMED'; field: 'start' }
  | { code: 'SLOTS_MALFORMED'; field: 'slots' }
  | { code: 'MEMBER_MALFORMED'; field: 'members'; barcode: string }
  | { code: 'MEMBERS_TOO_MANY'; field: 'members'; max: number };

export interface BookingForm {
  facilityId: number;
  date: string;
  start: number;
  slots: number;
  members: string[];
}

export function readBookingForm(
  values: Record<BookingFormField, string>,
): { ok: true; form: BookingForm } | { ok: false; problems: BookingFormProblem[] } {
  const problems: BookingFormProblem[] = [];
  const facilityId = /^\d{1,9}$/.test(values.facility) ? Number(values.facility) : 0;
  if (facilityId < 1) problems.push({ code: 'FACILITY_MISSING', field: 'facility' });
  if (!isCalendarDate(values.date)) problems.push({ code: 'DATE_MALFORMED', field: 'date' });
  const start = parseClockTime(values.start.trim());
  if (start === undefined || start === 1440) problems.push({ code: 'START_MALFORMED', field: 'start' });
  const slots = /^\d{1,2}$/.test(values.slots.trim()) ? Number(values.slots.trim()) : 0;
  if (slots < 1) problems.push({ code: 'SLOTS_MALFORMED', field: 'slots' });
  const typed = values.members.split(/[\s,;，、]+/).filter((b) => b !== '');
  const members: string[] = [];
  if (typed.length > MEMBERS_MAX) problems.push({ code: 'MEMBERS_TOO_MANY', field: 'members', max: MEMBERS_MAX });
  else {
    for (const raw of typed) {
      const read = normaliseBarcode(raw);
      if (read.ok) members.push(read.barcode);
      else problems.push({ code: 'MEMBER_MALFORMED', field: 'members', barcode: raw.slice(0, 40) });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, form: { facilityId, date: values.date, start: start!, slots, members } };
}
