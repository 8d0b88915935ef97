/**
 * The facilities page of the console and a facility's edit page: shared by adding and editing
 * facilities, adding blackouts and making kiosk links, which each show one of them again with
 * their outcome.
 */
import type { Request, Response } from 'express';
import { clockTime, WEEKDAYS } from '../../domain/booking/booking-time.js';
import { BLACKOUT_REASON_MAX, CAPACITY_MAX, FACILITY_NAME_MAX, LOCATION_MAX } from '../../domain/booking/facility-form.js';
import { FACILITY_KINDS, type Facility } from '../../domain/booking/facility.js';
import { PATRON_TYPES } from '../../domain/patrons/patron.js';
import type { MessageKey } from '../../messages/index.js';
import type { FacilityFormValues, FacilityService } from '../../services/booking/facility-service.js';
import { pageLinks } from '../http/page-links.js';
import { wholeNumber } from '../http/query-params.js';
import { PATRON_TYPE_LABEL } from '../patrons/patron-type-label.js';
import { takeNotice } from '../session/session-helpers.js';
import { KIND_TEXT } from './booking-labels.js';

type Locals = Response['locals'];

const WEEKDAY_TEXT: Record<number, MessageKey> = {
  1: 'staffFacility.weekday.1',
  2: 'staffFacility.weekday.2',
  3: 'staffFacility.weekday.3',
  4: 'staffFacility.weekday.4',
  5: 'staffFacility.weekday.5',
  6: 'staffFacility.weekday.6',
  7: 'staffFacility.weekday.7',
};

/** A facility as its form shows it: every field as text. */
function valuesOf(f: Facility): Partial<FacilityFormValues> & { patron_types: string[] } {
  const values: Partial<FacilityFormValues> & { patron_types: string[] } = {
    name: f.name,
    kind: f.kind,
    location: f.location,
    capacity_min: String(f.capacityMin),
    capacity_max: String(f.capacityMax),
    slot_minutes: String(f.slotMinutes),
    patron_types: f.patronTypes,
  };
  for (const day of WEEKDAYS) {
    const h = f.hours[day];
    values[`opens_${day}`] = h ? clockTime(h.opens) : '';
    values[`closes_${day}`] = h ? clockTime(h.closes) : '';
  }
  return values;
}

function formWords(l: Locals) {
  return {
    kinds: FACILITY_KINDS.map((k) => ({ value: k, text: l.t(KIND_TEXT[k]) })),
    types: PATRON_TYPES.map((p) => ({ value: p, text: l.t(PATRON_TYPE_LABEL[p]) })),
    weekdays: WEEKDAYS.map((d) => ({ day: d, text: l.t(WEEKDAY_TEXT[d]!) })),
    limits: { name: FACILITY_NAME_MAX, location: LOCATION_MAX, capacity: CAPACITY_MAX, reason: BLACKOUT_REASON_MAX },
  };
}

function hoursText(f: Facility, l: Locals): string[] {
  return WEEKDAYS.map((d) => {
    const h = f.hours[d];
    return h
      ? l.t('staffFacility.hoursLine', { day: l.t(WEEKDAY_TEXT[d]!), opens: clockTime(h.opens), closes: clockTime(h.closes) })
      : l.t('staffFacility.closedLine', { day: l.t(WEEKDAY_TEXT[d]!) });
  });
}

/** A form's problems as its fields' error lines, each in words from `table`. */
export function problemsOf(
  problems: Array<{ code: string; field: string; max?: number }>,
  table: Record<string, MessageKey>,
  l: Locals,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const p of problems) (errors[p.field] ??= []).push(l.t(table[p.code]!, { max: p.max ?? 0 }));
  return errors;
}

/** The facilities page: every facility, the blackouts a page at a time, and the two forms that add them. */
export function renderFacilityList(
  desk: Pick<FacilityService, 'all' | 'blackouts'>,
  req: Request,
  res: Response,
  status: number,
  view: {
    alert?: string;
    facilityErrors?: Record<string, string[]>;
    facilityValues?: object;
    blackoutErrors?: Record<string, string[]>;
    blackoutValues?: object;
  } = {},
) {
  const l = res.locals;
  const page = wholeNumber(req.query.page, { min: 1, max: 1_000_000 }) ?? 1;
  const list = desk.blackouts(page);
  const all = desk.all();
  const href = (p: number) => `/staff/facilities?page=${p}`;
  res.status(status).render('booking/facilities', {
    ...formWords(l),
    facilities: all.map((f) => ({
      id: f.id,
      name: f.name,
      kind: l.t(KIND_TEXT[f.kind]),
      location: f.location,
      capacity: l.t('booking.capacity', { min: f.capacityMin, max: f.capacityMax }),
      slot: l.t('staffFacility.slotLength', { minutes: f.slotMinutes }),
      types: l.formatList(f.patronTypes.map((p) => l.t(PATRON_TYPE_LABEL[p]))),
      hours: hoursText(f, l),
    })),
    facilityChoices: all.map((f) => ({ value: String(f.id), text: f.name })),
    blackouts: list.blackouts.map((b) => ({
      id: b.id,
      facility: b.facilityName ?? l.t('staffFacility.allFacilities'),
      from: l.formatDateTime(b.startsAt),
      to: l.formatDateTime(b.endsAt),
      reason: b.reason,
    })),
    blackoutTotal: list.total,
    pageLinks: pageLinks(list.page, list.pages).map((link) => (link.kind === 'page' ? { ...link, href: href(link.page) } : link)),
    previousHref: list.page > 1 ? href(list.page - 1) : undefined,
    nextHref: list.page < list.pages ? href(list.page + 1) : undefined,
    notice: takeNotice(req, l.t),
    alert: undefined,
    errors: { ...(view.facilityErrors ?? {}), ...(view.blackoutErrors ?? {}) },
    facilityValues: {
      slot_minutes: '60',
      kind: 'group_room',
      capacity_min: '1',
      capacity_max: '1',
      patron_types: ['undergraduate', 'postgraduate', 'staff'],
    },
    blackoutValues: {},
    ...view,
  });
}

/** A facility's edit page, with its fields as stored unless `view` gives others. */
export function renderFacilityEdit(
  res: Response,
  status: number,
  facility: Facility,
  view: { alert?: string; errors?: Record<string, string[]>; values?: object; notice?: string; kioskLink?: string } = {},
) {
  const l = res.locals;
  res.status(status).render('booking/facility-edit', {
    ...formWords(l),
    facility: { id: facility.id, name: facility.name },
    values: valuesOf(facility),
    errors: {},
    alert: undefined,
    notice: undefined,
    kioskLink: undefined,
    ...view,
  });
}
