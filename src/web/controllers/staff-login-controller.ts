import type { Request, Response } from 'express';
import type { StaffAuthService, StaffLoginResult } from '../../services/staff-auth-service.js';
import type { MessageKey } from '../../messages/index.js';
import { clientAddress } from '../client-address.js';
import { readFields } from '../form-fields.js';
import { refuse } from '../refusal.js';
import { endSession, startSession, takeNotice } from '../session-helpers.js';

type MalformedCode = Extract<StaffLoginResult, { kind: 'malformed' }>['errors'][number]['code'];

export function createStaffLoginController(deps: { staffAuth: StaffAuthService }) {
  function render(res: Response, status: number, view: { username?: string; alert?: string; errors?: Record<string, string>; notice?: string }) {
    res.status(status).render('staff/login', { username: '', errors: {}, alert: undefined, notice: undefined, ...view });
  }

  return {
    show(req: Request, res: Response) {
      if (req.session.staffId !== undefined) return res.redirect(303, '/staff');
      render(res, 200, { notice: takeNotice(req, res.locals.t) });
    },

    async submit(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['username', 'password']);
      if (!form.ok) return render(res, 422, { alert: t('form.repeatedField') });
      const { username, password } = form.values;
      const shown = username.length <= 64 ? username.trim() : '';
      const result = await deps.staffAuth.login({ username, password }, clientAddress(req));
      switch (result.kind) {
        case 'malformed': {
          const errors: Record<string, string> = {};
          for (const error of result.errors) errors[error.field] = t(`staff.login.${error.code satisfies MalformedCode}` as MessageKey);
          return render(res, 422, { username: shown, errors, alert: t('form.fixErrors') });
        }
        case 'blocked': {
          const alert = refuse(res, result.refusal, { keyBlocked: 'staff.login.blocked', suspended: 'refusal.suspended.staff' });
          return render(res, 429, { username: shown, alert });
        }
        case 'incorrect':
          return render(res, 401, { username: shown, alert: t('staff.login.failed') });
        case 'success':
          await startSession(req, { staffId: result.staff.id, staffStamp: result.staff.passwordChangedAt });
          return res.redirect(303, '/staff');
      }
    },

    async logout(req: Request, res: Response) {
      await endSession(req, { key: 'login.loggedOut' });
      res.redirect(303, '/staff/login');
    },
  };
}
