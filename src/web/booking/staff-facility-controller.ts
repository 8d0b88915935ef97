import type { Request, Response } from 'express';
import { FACILITY_FIELDS, FACILITY_NAME_MAX, LOCATION_MAX, type FacilityProblem } from '../../domain/booking/facility-form.js';
import type { MessageKey } from '../../messages/index.js';
import type { FacilityService } from '../../services/booking/facility-service.js';
import { readFields, readList } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice } from '../session/session-helpers.js';
import { problemsOf, renderFacilityEdit, renderFacilityList } from './staff-facility-pages.js';
import { staffActor } from './staff-actor.js';

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

/** The facilities page of the console: the facilities listed, one added, one edited with its hours. */
export function createStaffFacilityController(deps: { desk: FacilityService }) {
  const { desk } = deps;

  function readFacility(req: Request) {
    const fields = readFields(req.body, FACILITY_FIELDS, { name: FACILITY_NAME_MAX * 2, location: LOCATION_MAX * 2 });
    const types = readList(req.body, 'patron_types', 20);
    return { fields, types };
  }

  return {
    show(req: Request, res: Response) {
      renderFacilityList(desk, req, res, 200);
    },

    add(req: Request, res: Response) {
      const l = res.locals;
      const { fields, types } = readFacility(req);
      if (!fields.ok || !types.ok) return renderFacilityList(desk, req, res, 422, { alert: l.t('form.repeatedField') });
      const result = desk.add(staffActor(req, res), fields.values, types.values);
      if (result.kind === 'invalid') {
        return renderFacilityList(desk, req, res, 422, {
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
      renderFacilityEdit(res, 200, facility);
    },

    edit(req: Request, res: Response) {
      const l = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const facility = id === undefined ? undefined : desk.find(id);
      if (!facility || id === undefined) return renderNotFound(res);
      const { fields, types } = readFacility(req);
      if (!fields.ok || !types.ok) return renderFacilityEdit(res, 422, facility, { alert: l.t('form.repeatedField') });
      const result = desk.edit(staffActor(req, res), id, fields.values, types.values);
      if (result.kind === 'not-found') return renderNotFound(res);
      if (result.kind === 'invalid')
        return renderFacilityEdit(res, 422, facility, {
          alert: l.t('staffFacility.notSaved'),
          errors: problemsOf(result.problems, FACILITY_PROBLEM, l),
          values: { ...fields.values, patron_types: types.values },
        });
      setNotice(req, 'staffFacility.saved', { name: result.name });
      res.redirect(303, '/staff/facilities');
    },
  };
}
