/**
 * The console's forms for a facility and for a blackout, read and checked: every problem beside
 * its field. Hours are HH:MM per weekday (both empty: closed that day).
 */
import { isCalendarDate } from '../shared/library-date.js';
import { isPatronType, type PatronType } from '../patrons/patron.js';
import { momentOf, parseClockTime, WEEKDAYS } from './booking-time.js';
import { isFacilityKind, SLOT_LENGTHS, type FacilityKind, type SlotLength, type WeekHours } from './facility.js';

export const FACILITY_NAME_MAX = 100;
export const LOCATION_MAX = 100;
export const CAPACITY_MAX = 50;
export const BLACKOUT_REASON_MAX = 200;

export const FACILITY_FIELDS = [
  'name',
  'kind',
  'location',
  'capacity_min',
  'capacity_max',
  'slot_minutes',
  ...WEEKDAYS.flatMap((d) => [`opens_${d}`, `closes_${d}`] as const),
] as const;
export type FacilityField = (typeof FACILITY_FIELDS)[number] | 'patron_types';

export type FacilityProblemCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'KIND_UNKNOWN'
  | 'CAPACITY_MALFORMED'
  | 'CAPACITY_ORDER'
  | 'SLOT_LENGTH'
  | 'TIME_MALFORMED'
  | 'HOURS_ORDER'
  | 'HOURS_SLOT'
  | 'TYPES_REQUIRED'
  | 'NAME_TAKEN';
export interface FacilityProblem {
  code: FacilityProblemCode;
  field: FacilityField;
  max?: number;
}

export interface FacilityInput {
  name: string;
  kind: FacilityKind;
  location: string;
  capacityMin: number;
  capacityMax: number;
  slotMinutes: SlotLength;
  patronTypes: PatronType[];
  hours: WeekHours;
}

function count(value: string): number | undefined {
  return /^\d{1,2}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

export function readFacilityForm(
  values: Record<(typeof FACILITY_FIELDS)[number], string>,
  types: readonly string[],
): { ok: true; facility: FacilityInput } | { ok: false; problems: FacilityProblem[] } {
  const problems: FacilityProblem[] = [];
  const name = values.name.trim();
  if (name === '') problems.push({ code: 'REQUIRED', field: 'name' });
  else if (name.length > FACILITY_NAME_MAX) problems.push({ code: 'TOO_LONG', field: 'name', max: FACILITY_NAME_MAX });
  const location = values.location.trim();
  if (location.length > LOCATION_MAX) problems.push({ code: 'TOO_LONG', field: 'location', max: LOCATION_MAX });
  if (!isFacilityKind(values.kind)) problems.push({ code: 'KIND_UNKNOWN', field: 'kind' });
  const min = count(values.capacity_min);
  const max = count(values.capacity_max);
  if (min === undefined || min < 1) problems.push({ code: 'CAPACITY_MALFORMED', field: 'capacity_min', max: CAPACITY_MAX });
  if (max === undefined || max < 1 || max > CAPACITY_MAX)
    problems.push({ code: 'CAPACITY_MALFORMED', field: 'capacity_max', max: CAPACITY_MAX });
  if (min !== undefined && max !== undefined && min > max) problems.push({ code: 'CAPACITY_ORDER', field: 'capacity_max' });
  const slot = Number(values.slot_minutes);
  const slotMinutes = (SLOT_LENGTHS as readonly number[]).includes(slot) ? (slot as SlotLength) : undefined;
  if (slotMinutes === undefined) problems.push({ code: 'SLOT_LENGTH', field: 'slot_minutes' });
  const patronTypes = [...new Set(types)].filter(isPatronType);
  if (patronTypes.length === 0 || patronTypes.length !== new Set(types).size)
    problems.push({ code: 'TYPES_REQUIRED', field: 'patron_types' });
  const hours: WeekHours = {};
  for (const day of WEEKDAYS) {
    const opensText = values[`opens_${day}`].trim();
    const closesText = values[`closes_${day}`].trim();
    if (opensText === '' && closesText === '') continue;
    const opens = parseClockTime(opensText);
    const closes = parseClockTime(closesText);
    if (opens === undefined || opens === 1440) problems.push({ code: 'TIME_MALFORMED', field: `opens_${day}` });
    if (closes === undefined) problems.push({ code: 'TIME_MALFORMED', field: `closes_${day}` });
    if (opens === undefined || closes === undefined || opens === 1440) continue;
    if (closes <= opens) problems.push({ code: 'HOURS_ORDER', field: `closes_${day}` });
    else if (slotMinutes !== undefined && (closes - opens) % slotMinutes !== 0)
      problems.push({ code: 'HOURS_SLOT', field: `closes_${day}`, max: slotMinutes });
    else hours[day] = { opens, closes };
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    facility: {
      name,
      kind: values.kind as FacilityKind,
      location,
      capacityMin: min!,
      capacityMax: max!,
      slotMinutes: slotMinutes!,
      patronTypes,
      hours,
    },
  };
}

export const BLACKOUT_FIELDS = ['facility', 'from_date', 'from_time', 'to_date', 'to_time', 'reason'] as const;
export type BlackoutField = (typeof BLACKOUT_FIELDS)[number];
export type BlackoutProblemCode = 'REQUIRED' | 'TOO_LONG' | 'DATE_MALFORMED' | 'TIME_MALFORMED' | 'ORDER' | 'FACILITY_UNKNOWN';

export function readBlackoutForm(
  values: Record<BlackoutField, string>,
  facilityIds: readonly number[],
):
  | { ok: true; blackout: { facilityId: number | null; startsAt: number; endsAt: number; reason: string } }
  | { ok: false; problems: Array<{ code: BlackoutProblemCode; field: BlackoutField; max?: number }> } {
  const problems: Array<{ code: BlackoutProblemCode; field: BlackoutField; max?: number }> = [];
  const facilityId = values.facility === '' ? null : Number(values.facility);
  if (facilityId !== null && !facilityIds.includes(facilityId)) problems.push({ code: 'FACILITY_UNKNOWN', field: 'facility' });
  const reason = values.reason.trim();
  if (reason === '') problems.push({ code: 'REQUIRED', field: 'reason' });
  else if (reason.length > BLACKOUT_REASON_MAX) problems.push({ code: 'TOO_LONG', field: 'reason', max: BLACKOUT_REASON_MAX });
  const moment = (date: BlackoutField, time: BlackoutField, fallback: number): number | undefined => {
    if (!isCalendarDate(values[date])) {
      problems.push({ code: 'DATE_MALFORMED', field: date });
      return undefined;
    }
    const minutes = values[time].trim() === '' ? fallback : parseClockTime(values[time].trim());
    if (minutes === undefined) {
      problems.push({ code: 'TIME_MALFORMED', field: time });
      return undefined;
    }
    return momentOf(values[date], minutes);
  };
  const startsAt = moment('from_date', 'from_time', 0);
  const endsAt = moment('to_date', 'to_time', 1440);
  if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) problems.push({ code: 'ORDER', field: 'to_time' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, blackout: { facilityId, startsAt: startsAt!, endsAt: endsAt!, reason } };
}
