import type { Request, Response } from 'express';
import type { AuthService, LoginInputError } from '../../services/auth-service.js';
import type { MessageKey } from '../../messages/index.js';
import { readFields } from '../form-fields.js';
import { refuse } from '../refusal.js';
import { clientAddress } from '../client-address.js';
import { startSession, takeNotice } from '../session-helpers.js';
import { usesDefaultPin } from '../../domain/patron.js';

type FieldErrors = Partial<Record<'barcode' | 'pin', string>>;

const inputMessage: Record<LoginInputError['code'], MessageKey> = {
  BARCODE_MISSING: 'barcode.BARCODE_MISSING',
  BARCODE_MALFORMED: 'barcode.BARCODE_MALFORMED',
  PIN_MISSING: 'pin.login.PIN_MISSING',
  PIN_MALFORMED: 'pin.login.PIN_MALFORMED',
};

function renderLogin(res: Response, status: number, view: { barcode?: string; alert?: string; errors?: FieldErrors; notice?: string }) {
  res.status(status).render('auth/login', { barcode: '', errors: {}, alert: undefined, notice: undefined, ...view });
}

export function createLoginController(deps: { auth: AuthService }) {
  return {
    show(req: Request, res: Response) {
      if (req.session.patronId !== undefined) return res.redirect(303, '/myrecord');
      renderLogin(res, 200, { notice: takeNotice(req, res.locals.t) });
    },

    async submit(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['barcode', 'pin']);
      if (!form.ok) return renderLogin(res, 422, { alert: t('form.repeatedField') });
      const { barcode, pin } = form.values;
      // Only a sensible barcode is echoed back into the form; a PIN never is.
      const shownBarcode = barcode.length <= 64 ? barcode.trim() : '';

      const result = await deps.auth.login({ barcode, pin }, clientAddress(req));
      switch (result.kind) {
        case 'malformed': {
          const errors: FieldErrors = {};
          for (const error of result.errors) errors[error.field] = t(inputMessage[error.code]);
          return renderLogin(res, 422, { barcode: shownBarcode, errors, alert: t('form.fixErrors') });
        }
        case 'blocked': {
          const alert = refuse(res, result.refusal, { keyBlocked: 'login.blocked', suspended: 'refusal.suspended.patron' });
          return renderLogin(res, 429, { barcode: shownBarcode, alert });
        }
        case 'incorrect':
          return renderLogin(res, 401, { barcode: shownBarcode, alert: t('login.failed') });
        case 'success':
          await startSession(req, { patronId: result.patron.id, pinStamp: result.patron.pinChangedAt ?? 0 });
          return res.redirect(303, usesDefaultPin(result.patron) ? '/pin/modify' : '/myrecord');
      }
    },
  };
}
