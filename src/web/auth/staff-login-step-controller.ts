/**
 * The second step of a staff login (/staff/login/2fa): an app's code or a recovery code after the
 * password, then the full staff session, saying how many recovery codes remain when one was spent.
 */
import type { Request, Response } from 'express';
import type { SecondFactorService } from '../../services/auth/second-factor-service.js';
import { clientAddress } from '../http/client-address.js';
import type { DeviceCookie } from './device-cookie.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { codeRefused, type PendingMember } from './pending-staff-login.js';
import { startSession, takeNotice } from '../session/session-helpers.js';

export function createStaffLoginStepController(deps: {
  secondFactor: Pick<SecondFactorService, 'verify'>;
  devices: DeviceCookie;
  pendingMember: PendingMember;
}) {
  const { secondFactor, devices, pendingMember } = deps;

  return {
    async showLoginStep(req: Request, res: Response) {
      const found = await pendingMember(req, 'ask');
      if (!found) return res.redirect(303, '/staff/login');
      res.render('auth/staff-second-factor', { errors: {}, alert: undefined, notice: takeNotice(req, res.locals.t) });
    },

    async submitLoginStep(req: Request, res: Response) {
      const { t } = res.locals;
      const found = await pendingMember(req, 'ask');
      if (!found) return res.redirect(303, '/staff/login');
      const form = readFields(req.body, ['code', 'recovery_code']);
      if (!form.ok)
        return res.status(422).render('auth/staff-second-factor', {
          errors: {},
          alert: formFailureMessage(form, t, { code: 'staff.twoFactor.code', recovery_code: 'staff.twoFactor.recoveryCode' }),
        });
      const { member, pending } = found;
      const result = await secondFactor.verify(
        member,
        { code: form.values.code, recoveryCode: form.values.recovery_code },
        { clientAddress: clientAddress(req), device: devices.read(req) },
      );
      if (result.kind !== 'ok') {
        const refused = codeRefused(res, result);
        return res.status(refused.status).render('auth/staff-second-factor', { errors: {}, alert: refused.alert });
      }
      devices.remember(req, res, result.device);
      const notice =
        result.recoveryCodesLeft === undefined
          ? undefined
          : { key: 'staff.twoFactor.recoveryCodeUsed' as const, params: { count: result.recoveryCodesLeft } };
      // The full staff session after the second step, and where the login was going.
      await startSession(req, { staffId: member.id, staffStamp: member.passwordChangedAt, staffFactorOn: result.onSince }, notice);
      res.redirect(303, pending.next ?? '/staff');
    },
  };
}
