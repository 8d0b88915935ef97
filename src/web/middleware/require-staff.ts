import type { RequestHandler } from 'express';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import type { SecondStep } from '../../domain/auth/second-factor-policy.js';
import { hasRole, isAdmin, type StaffMember, type StaffRole } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import { endSession, startSession } from '../session/session-helpers.js';
import { returnPath, withReturn } from '../auth/return-path.js';
import { rolesText } from '../staff/staff-role-labels.js';

declare module 'express-serve-static-core' {
  interface Locals {
    staffMember?: StaffMember;
    /** For the console's menu: whether the member may open the pages of a role. */
    staffCan?: (role: StaffRole) => boolean;
    /** The member's roles in words, for the masthead. */
    staffRolesText?: string;
  }
}

/**
 * Pages of the staff console. A disabled account, or a session opened before the password
 * was last set, is over. Patron sessions never pass: they carry no staffId.
 *
 * The second factor is checked here, on every request, not only at login: a session the policy
 * now asks a factor of (roles raised to admin under STAFF_2FA=admins, a restart with a stricter
 * STAFF_2FA, a factor turned on in another browser) becomes a half-done login at the second step,
 * enrolling or giving a code, and reaches nothing else until it passes. Raising a colleague's
 * roles therefore steps the colleague's sessions up rather than ending them.
 */
export function requireStaff(deps: {
  staff: StaffRepo;
  /** What the session must still give (second-factor-service.ts `stepDue`). */
  stepDue(member: StaffMember, passed: number | undefined): SecondStep;
  clock: Clock;
}): RequestHandler {
  const { staff, stepDue, clock } = deps;
  return async (req, res, next) => {
    const staffId = req.session.staffId;
    if (staffId === undefined) return res.redirect(303, withReturn('/staff/login', 'staff', req));
    const member = staff.findById(staffId);
    if (!member || member.disabledAt !== null || member.passwordChangedAt !== req.session.staffStamp) {
      await endSession(req, { key: 'login.sessionEnded' });
      return res.redirect(303, withReturn('/staff/login', 'staff', req));
    }
    const due = stepDue(member, req.session.staffFactorOn);
    if (due !== 'none') {
      // Back to the page asked for once the step is done (a form posted is not sent again).
      const asked = req.method === 'GET' ? returnPath('staff', req.originalUrl) : undefined;
      const back = asked?.startsWith('/staff/2fa') ? undefined : asked;
      await startSession(
        req,
        {
          staffPending: {
            staffId: member.id,
            staffStamp: member.passwordChangedAt,
            step: due,
            since: clock.now(),
            ...(back ? { next: back } : {}),
          },
        },
        { key: 'staff.twoFactor.stepUp' },
      );
      return res.redirect(303, due === 'ask' ? '/staff/login/2fa' : '/staff/2fa');
    }
    res.locals.staffMember = member;
    res.locals.staffCan = (role) => hasRole(member, role);
    // An account named after its one role ("facilities") would read "facilities (facilities)": its name says it once.
    const namedAfterRole = member.roles.length === 1 && member.roles[0] === member.username;
    res.locals.staffRolesText = namedAfterRole ? undefined : rolesText(member.roles, res.locals.t, res.locals.locale);
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
  const member = res.locals.staffMember;
  if (!member || !isAdmin(member)) return next(new AdminOnlyError());
  next();
};

/** What the error handler answers (403, naming the work the page is for), after the refusal is audited. */
export class RoleRequiredError extends Error {
  readonly status = 403;
  readonly code = 'EROLEREQUIRED';
  constructor(readonly role: StaffRole) {
    super(`a page for staff with the ${role} role`);
  }
}

/** A queue or desk of the console: for staff who hold its role (admins hold every role). */
export function requireRole(role: StaffRole): RequestHandler {
  return (_req, res, next) => {
    const member = res.locals.staffMember;
    if (!member || !hasRole(member, role)) return next(new RoleRequiredError(role));
    next();
  };
}
