import type { Request, Response } from 'express';
import type { StaffAuthService, StaffLoginResult } from '../../services/auth/staff-auth-service.js';
import type { MessageKey } from '../../messages/index.js';
import type { DeviceCookie } from './device-cookie.js';
import type { LanguagePreference } from '../language/language.js';
import { loginForm } from './login-form.js';
import { endSession } from '../session/session-helpers.js';
import type { Clock } from '../../lib/clock.js';

type MalformedCode = Extract<StaffLoginResult, { kind: 'malformed' }>['errors'][number]['code'];

const inputMessage: Record<MalformedCode, MessageKey> = {
  USERNAME_MISSING: 'staff.login.USERNAME_MISSING',
  USERNAME_MALFORMED: 'staff.login.USERNAME_MALFORMED',
  PASSWORD_MISSING: 'staff.login.PASSWORD_MISSING',
  PASSWORD_MALFORMED: 'staff.login.PASSWORD_MALFORMED',
};

/** Staff log in with username and password, and log out. */
export function createStaffLoginController(deps: {
  staffAuth: StaffAuthService;
  devices: DeviceCookie;
  language: LanguagePreference;
  clock: Clock;
}) {
  const form = loginForm(
    {
      form: {
        view: 'auth/staff-login',
        name: 'username',
        secret: 'password',
        labels: { username: 'staff.login.username', password: 'staff.login.password' },
      },
      area: 'staff',
      words: { input: inputMessage, failed: 'staff.login.failed', keyBlocked: 'staff.login.blocked', suspended: 'refusal.suspended.staff' },
      signedInHome: (req) => (req.session.staffId !== undefined ? '/staff' : undefined),
      login: deps.staffAuth.login,
      // With a second factor to give or to enrol, the password opens only the second step.
      session: ({ staff, secondStep }, next) =>
        secondStep === 'none'
          ? { owner: { staffId: staff.id, staffStamp: staff.passwordChangedAt }, language: staff.language, home: next ?? '/staff' }
          : {
              owner: {
                staffPending: {
                  staffId: staff.id,
                  staffStamp: staff.passwordChangedAt,
                  step: secondStep,
                  since: deps.clock.now(),
                  ...(next ? { next } : {}),
                },
              },
              language: staff.language,
              home: secondStep === 'ask' ? '/staff/login/2fa' : '/staff/2fa',
            },
    },
    { devices: deps.devices, language: deps.language },
  );

  return {
    ...form,

    async logout(req: Request, res: Response) {
      await endSession(req, { key: 'login.loggedOut' });
      res.redirect(303, '/staff/login');
    },
  };
}
