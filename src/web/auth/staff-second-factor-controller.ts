/**
 * Staff two-factor sign-in: enrolling an authenticator and its recovery codes
 * (staff-factor-enrolment-controller.ts), the second step of a login (staff-login-step-controller.ts),
 * and here an admin's reset of a colleague's second factor. Between the password and the code the
 * session holds `staffPending` only, which passes no staff guard (pending-staff-login.ts).
 */
import type { Request, Response } from 'express';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { SecondFactorService } from '../../services/auth/second-factor-service.js';
import { clientAddress } from '../http/client-address.js';
import type { DeviceCookie } from './device-cookie.js';
import { createPendingMember } from './pending-staff-login.js';
import { createStaffFactorEnrolmentController } from './staff-factor-enrolment-controller.js';
import { createStaffLoginStepController } from './staff-login-step-controller.js';
import { setNotice } from '../session/session-helpers.js';

export function createStaffSecondFactorController(deps: {
  secondFactor: SecondFactorService;
  staff: StaffRepo;
  clock: Clock;
  devices: DeviceCookie;
  /** Seals the recovery codes for the one request between enrolment and the page that shows them. */
  codesBox: SecretBox;
}) {
  const { secondFactor, staff, clock, devices, codesBox } = deps;
  const pendingMember = createPendingMember({ staff, clock });

  return {
    ...createStaffFactorEnrolmentController({ secondFactor, devices, codesBox, pendingMember }),
    ...createStaffLoginStepController({ secondFactor, devices, pendingMember }),

    /** Admins: the colleague enrols again at the next login (a lost phone, a new one). */
    reset(req: Request, res: Response) {
      const username = String(req.params.username);
      const result = secondFactor.reset(res.locals.staffMember!, username, clientAddress(req));
      if (result.kind === 'unknown')
        return res.status(404).render('staff/not-found', {
          message: res.locals.t('staff.accounts.unknown', { username: username.toLowerCase().slice(0, 64) }),
        });
      setNotice(req, result.kind === 'reset' ? 'staff.twoFactor.resetDone' : 'staff.twoFactor.resetNothing', {
        username: result.member.username,
      });
      res.redirect(303, '/staff/accounts');
    },
  };
}
