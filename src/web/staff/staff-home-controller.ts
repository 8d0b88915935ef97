import type { Request, RequestHandler, Response } from 'express';
import { hasRole, type StaffRole } from '../../domain/staff/staff.js';
import type { MessageKey } from '../../messages/index.js';
import { takeNotice } from '../session/session-helpers.js';

/** The console's work areas, by role, where each is built; the others say so plainly. */
const AREAS: ReadonlyArray<{ role: Exclude<StaffRole, 'admin'>; key: MessageKey; href?: string }> = [
  { role: 'circulation', key: 'staff.home.area.circulation', href: '/staff/circulation' },
  { role: 'acquisitions', key: 'staff.home.area.acquisitions', href: '/staff/recommendations' },
  { role: 'ill', key: 'staff.home.area.ill', href: '/staff/ill' },
  { role: 'repository', key: 'staff.home.area.repository', href: '/staff/deposits' },
  { role: 'facilities', key: 'staff.home.area.facilities', href: '/staff/bookings' },
];

/**
 * `/staff`, where every staff login lands: the patron search for circulation staff (as it
 * always was), and for everyone else the list of their work areas.
 */
export function createStaffHomeController(deps: { patronSearch: RequestHandler }) {
  return {
    show(req: Request, res: Response, next: (err?: unknown) => void) {
      const member = res.locals.staffMember!;
      if (hasRole(member, 'circulation')) return deps.patronSearch(req, res, next);
      res.render('staff/home', { areas: AREAS.filter((area) => hasRole(member, area.role)), notice: takeNotice(req, res.locals.t) });
    },
  };
}
