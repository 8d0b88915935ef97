import type { Request, Response } from 'express';
import { BLACKOUT_FIELDS, BLACKOUT_REASON_MAX } from '../../domain/booking/facility-form.js';
import type { MessageKey } from '../../messages/index.js';
import type { FacilityService } from '../../services/booking/facility-service.js';
import { readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice } from '../session/session-helpers.js';
import { problemsOf, renderFacilityList } from './staff-facility-pages.js';
import { staffActor } from './staff-actor.js';

const BLACKOUT_PROBLEM: Record<string, MessageKey> = {
  REQUIRED: 'staffFacility.problem.REQUIRED',
  TOO_LONG: 'staffFacility.problem.TOO_LONG',
  DATE_MALFORMED: 'staffFacility.problem.DATE_MALFORMED',
  TIME_MALFORMED: 'staffFacility.problem.TIME_MALFORMED',
  ORDER: 'staffFacility.problem.BLACKOUT_ORDER',
  FACILITY_UNKNOWN: 'staffFacility.problem.FACILITY_UNKNOWN',
};

/** Blackouts on the facilities page: one added (cancelling the bookings inside it), one deleted. */
export function createStaffBlackoutController(deps: { desk: FacilityService }) {
  const { desk } = deps;

  return {
    add(req: Request, res: Response) {
      const l = res.locals;
      const fields = readFields(req.body, BLACKOUT_FIELDS, { reason: BLACKOUT_REASON_MAX * 2 });
      if (!fields.ok) return renderFacilityList(desk, req, res, 422, { alert: l.t('form.repeatedField') });
      const result = desk.addBlackout(staffActor(req, res), fields.values);
      if (result.kind === 'invalid') {
        const errors = problemsOf(result.problems, BLACKOUT_PROBLEM, l);
        return renderFacilityList(desk, req, res, 422, {
          alert: l.t('staffFacility.blackoutNotAdded'),
          blackoutErrors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [`blackout_${k}`, v])),
          blackoutValues: fields.values,
        });
      }
      setNotice(req, 'staffFacility.blackoutAdded', { cancelled: result.cancelled });
      res.redirect(303, '/staff/facilities');
    },

    delete(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined || !desk.deleteBlackout(staffActor(req, res), id)) return renderNotFound(res);
      setNotice(req, 'staffFacility.blackoutDeleted');
      res.redirect(303, '/staff/facilities');
    },
  };
}
