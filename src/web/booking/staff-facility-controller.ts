import type { Request, Response } from 'express';
import { clockTime, WEEKDAYS } from '../../domain/booking/booking-time.js';
import {
  BLACKOUT_FIELDS,
  BLACKOUT_REASON_MAX,
  CAPACITY_MAX,
  FACILITY_FIELDS,
  FACILITY_NAME_MAX,
  LOCATION_MAX,
  type BlackoutField,
  type FacilityField,
  type FacilityProblem,
} from '../../domain/booking/facility-form.js';
import { FACILITY_KINDS, type Facility } from '../../domain/booking/facility.js';
import { PATRON_TYPES } from '../../domain/patrons/patron.js';
import type { MessageKey } from '../../messages/index.js';
import type { StaffActor } from '../../services/booking/booking-notes.js';
import type { FacilityFormValues, FacilityService } from '../../services/booking/facility-service.js';
import type { KioskService } from '../../services/booking/kiosk-service.js';
import { clientAddress } from '../http/client-address.js';
import { readFields, readList } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { pageLinks } from '../http/page-links.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { PATRON_TYPE_LABEL } from '../patrons/patron-type-label.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
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

const FACILITY_PROBLEM: Record<FacilityProblem['code'], MessageKey> = {
  REQUIRED: 'staffFacility.problem.REQUIRED',
  TOO_LONG: 'staffFacility.problem.TOO_LONG',
  KIND_UNKNOWN: 'staffFacility.problem.KIND_UNKNOWN',
  CAPACITY_MALFORMED: 'staffFacility.problem.CAPACITY_MALFORMED',
  CAPACITY_ORDER: 'staffFacility.problem.CAPACITY_ORDER',
  SLOT_LENGTH: 'staffFacility.problem.SLOT_LENGTH',
  TIME_MALFORMED: 'staffFacility.problem.TIME_MALFORMED',
  HOURS_ORDER: 'staffFacility.problem.HOURS_ORDER',
  HOURS_SLOT: 'staffFacility.problem.HOURS_SLOT',
  TYPES_REQUIRED: 'staffFacility.problem.TYPES_REQUIRED',
  NAME_TAKEN: 'staffFacility.problem.NAME_TAKEN',
};

const BLACKOUT_PROBLEM: Record<string, MessageKey> = {
  REQUIRED: 'staffFacility.problem.REQUIRED',
  TOO_LONG: 'staffFacility.problem.TOO_LONG',
  DATE_MALFORMED: 'staffFacility.problem.DATE_MALFORMED',
  TIME_MALFORMED: 'staffFacility.problem.TIME_MALFORMED',
  ORDER: 'staffFacility.problem.BLACKOUT_ORDER',
  FACILITY_UNKNOWN: 'staffFacility.problem.FACILITY_UNKNOWN',
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

/** The facilities page of the console: facilities (add, edit, their kiosk links), their hours, and blackouts (add, delete). */
export function createStaffFacilityController(deps: {
  desk: FacilityService;
  kiosks: Pick<KioskService, 'makeLink'>;
  /** The portal's address, for the kiosk link as it is typed into the screen's browser. */
  publicUrl: string;
}) {
  const { desk, kiosks, publicUrl } = deps;
  const actor = (req: Request, res: Response): StaffActor => ({ staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) });

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

  function renderList(
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

  function renderEdit(
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

  function readFacility(req: Request) {
    const fields = readFields(req.body, FACILITY_FIELDS, { name: FACILITY_NAME_MAX * 2, location: LOCATION_MAX * 2 });
    const types = readList(req.body, 'patron_types', 20);
    return { fields, types };
  }

  function problemsOf(
    problems: Array<{ code: string; field: string; max?: number }>,
    table: Record<string, MessageKey>,
    l: Locals,
  ): Record<string, string[]> {
    const errors: Record<string, string[]> = {};
    for (const p of problems) (errors[p.field] ??= []).push(l.t(table[p.code]!, { max: p.max ?? 0 }));
    return errors;
  }

  return {
    show(req: Request, res: Response) {
      renderList(req, res, 200);
    },

    add(req: Request, res: Response) {
      const l = res.locals;
      const { fields, types } = readFacility(req);
      if (!fields.ok || !types.ok) return renderList(req, res, 422, { alert: l.t('form.repeatedField') });
      const result = desk.add(actor(req, res), fields.values, types.values);
      if (result.kind === 'invalid') {
        return renderList(req, res, 422, {
          alert: l.t('staffFacility.notSaved'),
          facilityErrors: problemsOf(result.problems, FACILITY_PROBLEM, l),
          facilityValues: { ...fields.values, patron_types: types.values },
        });
      }
      if (result.kind === 'not-found') return renderNotFound(res);
      setNotice(req, 'staffFacility.added', { name: result.name });
      res.redirect(303, '/staff/facilities');
    },

    showEdit(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const facility = id === undefined ? undefined : desk.find(id);
      if (!facility) return renderNotFound(res);
      renderEdit(res, 200, facility);
    },

    edit(req: Request, res: Response) {
      const l = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const facility = id === undefined ? undefined : desk.find(id);
      if (!facility || id === undefined) return renderNotFound(res);
      const { fields, types } = readFacility(req);
      if (!fields.ok || !types.ok) return renderEdit(res, 422, facility, { alert: l.t('form.repeatedField') });
      const result = desk.edit(actor(req, res), id, fields.values, types.values);
      if (result.kind === 'not-found') return renderNotFound(res);
      if (result.kind === 'invalid')
        return renderEdit(res, 422, facility, {
          alert: l.t('staffFacility.notSaved'),
          errors: problemsOf(result.problems, FACILITY_PROBLEM, l),
          values: { ...fields.values, patron_types: types.values },
        });
      setNotice(req, 'staffFacility.saved', { name: result.name });
      res.redirect(303, '/staff/facilities');
    },

    /**
     * A new kiosk link for the facility, the old one retired. The link is in this answer and
     * nowhere else (not in the session, not in a redirect), so it is shown once.
     */
    makeKioskLink(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : kiosks.makeLink(actor(req, res), id);
      if (result.kind === 'not-found') return renderNotFound(res);
      const link = `${publicUrl}/kiosk/${result.token}`;
      renderEdit(res, 200, result.facility, {
        notice: res.locals.t('staffFacility.kioskMade', { name: result.facility.name }),
        kioskLink: link,
      });
    },

    addBlackout(req: Request, res: Response) {
      const l = res.locals;
      const fields = readFields(req.body, BLACKOUT_FIELDS, { reason: BLACKOUT_REASON_MAX * 2 });
      if (!fields.ok) return renderList(req, res, 422, { alert: l.t('form.repeatedField') });
      const result = desk.addBlackout(actor(req, res), fields.values);
      if (result.kind === 'invalid') {
        const errors = problemsOf(result.problems, BLACKOUT_PROBLEM, l);
        return renderList(req, res, 422, {
          alert: l.t('staffFacility.blackoutNotAdded'),
          blackoutErrors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [`blackout_${k}`, v])),
          blackoutValues: fields.values,
        });
      }
      setNotice(req, 'staffFacility.blackoutAdded', { cancelled: result.cancelled });
      res.redirect(303, '/staff/facilities');
    },

    deleteBlackout(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined || !desk.deleteBlackout(actor(req, res), id)) return renderNotFound(res);
      setNotice(req, 'staffFacility.blackoutDeleted');
      res.redirect(303, '/staff/facilities');
    },
  };
}

export type { BlackoutField, FacilityField };
