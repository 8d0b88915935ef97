import type { RequestHandler } from 'express';
import type { StaffRepo } from '../../db/staff-repo.js';
import type { StaffMember } from '../../domain/staff.js';
import { endSession } from '../session-helpers.js';

declare module 'express-serve-static-core' {
  interface Locals {
    staffMember?: StaffMember;
  }
}

/**
 * Pages of the staff console. A disabled account, or a session opened before the password
 * was last set, is over. Patron sessions never pass: they carry no staffId.
 */
export function requireStaff(staff: StaffRepo): RequestHandler {
  return async (req, res, next) => {
    const staffId = req.session.staffId;
    if (staffId === undefined) return res.redirect(303, '/staff/login');
    const member = staff.findById(staffId);
    if (!member || member.disabledAt !== null || member.passwordChangedAt !== req.session.staffStamp) {
      await endSession(req, { key: 'login.sessionEnded' });
      return res.redirect(303, '/staff/login');
    }
    res.locals.staffMember = member;
    next();
  };
}

/** What the error handler answers (403, "for library administrators"), after the refusal is audited. */
export class AdminOnlyError extends Error {
  readonly status = 403;
  readonly code = 'EADMINONLY';
  constructor() {
    super('a page for administrators');
  }
}

/** Admins only: reading the audit log and managing staff accounts. */
export const requireAdmin: RequestHandler = (_req, res, next) => {
  if (res.locals.staffMember?.role !== 'admin') return next(new AdminOnlyError());
  next();
};
