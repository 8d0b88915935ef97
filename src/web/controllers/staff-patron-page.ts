import type { Request, Response } from 'express';
import type { CirculationService } from '../../services/circulation-service.js';
import type { CounterService } from '../../services/counter-service.js';
import { takeNotice } from '../session-helpers.js';

export interface PatronPageView {
  alert?: string;
  errors?: Record<string, string>;
}

/**
 * The counter's page of one patron (GET /staff/patrons/:barcode), shown again with an
 * alert when an action on it is refused, or a 404 page for an unknown barcode. The
 * addresses that login attempts came from are personal data that the counter does not
 * need: only admins see them.
 */
export function createStaffPatronPage(deps: { counter: CounterService; circulation: CirculationService }) {
  return function renderPatronPage(req: Request, res: Response, status: number, barcode: string, view: PatronPageView = {}): void {
    const overview = deps.counter.overview(barcode);
    if (!overview) {
      res.status(404).render('staff/not-found', { message: res.locals.t('staff.patron.notFound', { barcode: barcode.slice(0, 64) }) });
      return;
    }
    const showAddresses = res.locals.staffMember?.role === 'admin';
    res.status(status).render('staff/patron', {
      ...overview,
      attempts: showAddresses ? overview.attempts : overview.attempts.map((attempt) => ({ ...attempt, clientAddress: null })),
      showAddresses,
      circulation: deps.circulation.record(overview.patron),
      notice: takeNotice(req, res.locals.t),
      alert: undefined,
      errors: {},
      ...view,
    });
  };
}
