import type { ErrorRequestHandler } from 'express';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { AuditAction } from '../../domain/staff/audit-action.js';
import type { Clock } from '../../lib/clock.js';
import { clientAddress } from '../http/client-address.js';
import { redactedPath } from '../http/redacted-path.js';

/** The refusals worth an admin's eye, by the code of the error that carried them. */
const ACTION_OF_REFUSAL: Record<string, AuditAction> = {
  EADMINONLY: 'staff.refused.admin-only',
  EROLEREQUIRED: 'staff.refused.role',
  EBADCSRFTOKEN: 'staff.refused.csrf-token',
  ECROSSSITE: 'staff.refused.cross-site',
};

/**
 * A logged-in member of staff refused with 403 (a page for admins or for another role, a form without a valid
 * CSRF token or from another site) is written to the audit log: who, what, when, from where.
 * The error then goes on to the error page. Anonymous visitors' refusals are not written:
 * they would let anyone grow the log.
 */
export function auditStaffRefusals(deps: { audit: AuditRepo; clock: Clock }): ErrorRequestHandler {
  return (err: { code?: unknown }, req, res, next) => {
    const action = typeof err.code === 'string' ? ACTION_OF_REFUSAL[err.code] : undefined;
    // The CSRF check runs before requireStaff: the session says who it is then.
    const staffId = res.locals.staffMember?.id ?? req.session?.staffId;
    if (action && staffId !== undefined) {
      deps.audit.record(
        { actor: 'staff', staffId, action, clientAddress: clientAddress(req), detail: `${req.method} ${redactedPath(req.path)}` },
        deps.clock.now(),
      );
    }
    next(err);
  };
}
