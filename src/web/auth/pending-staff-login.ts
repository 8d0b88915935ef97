/**
 * A staff login between the password and the second factor: the session holds `staffPending` only,
 * which passes no staff guard, for PENDING_MS; and the words for a code the second factor refused.
 */
import type { Request, Response } from 'express';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import type { StaffMember } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import type { CodeCheck } from '../../services/auth/second-factor-code.js';
import { refuse } from './refusal.js';
import { endSession, type StaffPending } from '../session/session-helpers.js';

/** Time to open the app and type the code after the password. */
const PENDING_MS = 5 * 60_000;

export type PendingMember = (
  req: Request,
  step: StaffPending['step'],
) => Promise<{ member: StaffMember; pending: StaffPending } | undefined>;

/**
 * The member of a half-done login at this step, while it lasts and while the account is as it was at
 * the password (not disabled, the password not changed since); otherwise the session is ended.
 */
export function createPendingMember(deps: { staff: StaffRepo; clock: Clock }): PendingMember {
  const { staff, clock } = deps;
  return async function pendingMember(req, step) {
    const pending = req.session.staffPending;
    if (!pending) return undefined;
    const member = staff.findById(pending.staffId);
    if (
      pending.step !== step ||
      clock.now() - pending.since > PENDING_MS ||
      !member ||
      member.disabledAt !== null ||
      member.passwordChangedAt !== pending.staffStamp
    ) {
      await endSession(req, { key: 'staff.twoFactor.expired' });
      return undefined;
    }
    return { member, pending };
  };
}

/** The status and the words for a code refused, at enrolment or at the login step. */
export function codeRefused(res: Response, result: CodeCheck): { status: number; alert: string } {
  const { t } = res.locals;
  switch (result.kind) {
    case 'malformed':
      return { status: 422, alert: t('staff.twoFactor.codeMalformed') };
    case 'blocked':
      return {
        status: 429,
        alert: refuse(res, result.refusal, { keyBlocked: 'staff.login.blocked', suspended: 'refusal.suspended.staff' }),
      };
    case 'incorrect':
      return { status: 401, alert: t('staff.twoFactor.codeIncorrect') };
  }
}
