import type { Request, Response } from 'express';
import type { BarcodeResult } from '../../domain/patrons/barcode.js';
import type { MessageKey } from '../../messages/index.js';
import type { PinResetService } from '../../services/pin/pin-reset-service.js';
import { clientAddress } from '../http/client-address.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { setNotice } from '../session/session-helpers.js';

const BARCODE_ERROR: Record<Extract<BarcodeResult, { ok: false }>['code'], MessageKey> = {
  BARCODE_MISSING: 'barcode.BARCODE_MISSING',
  BARCODE_MALFORMED: 'barcode.BARCODE_MALFORMED',
};

/** "Or reset your PIN online" (docs/rules.md §7): the request, the link, the confirmation. */
export function createPinForgotController(deps: { pinReset: PinResetService }) {
  function renderForm(
    res: Response,
    status: number,
    view: { barcode?: string; alert?: string; errors?: Record<string, string>; notice?: string },
  ) {
    res.status(status).render('pin/forgot', { barcode: '', errors: {}, alert: undefined, notice: undefined, ...view });
  }

  function renderGone(res: Response) {
    res.status(410).render('pin/reset-gone');
  }

  return {
    show(_req: Request, res: Response) {
      renderForm(res, 200, {});
    },

    submit(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['barcode']);
      if (!form.ok) return renderForm(res, 422, { alert: formFailureMessage(form, t, { barcode: 'pinForgot.barcode' }) });
      const shownBarcode = form.values.barcode.length <= 64 ? form.values.barcode.trim() : '';
      const result = deps.pinReset.requestLink(form.values.barcode, clientAddress(req) ?? 'unknown', res.locals.locale);
      switch (result.kind) {
        case 'malformed':
          return renderForm(res, 422, {
            barcode: shownBarcode,
            alert: t('form.fixErrors'),
            errors: { barcode: t(BARCODE_ERROR[result.code]) },
          });
        case 'limited':
          res.set('Retry-After', String(result.retryAfterSeconds));
          return renderForm(res, 429, { barcode: shownBarcode, alert: t('pinForgot.limited') });
        case 'accepted':
          // The same words and status for every barcode, known or not.
          return renderForm(res, 200, { notice: t('pinForgot.sent') });
      }
    },

    showLink(req: Request, res: Response) {
      const state = deps.pinReset.checkLink(String(req.params.token));
      if (state.kind === 'gone') return renderGone(res);
      const { t } = res.locals;
      res.render('pin/reset', {
        token: String(req.params.token),
        explanation: t('pinReset.explanation', { barcode: state.patron.barcode, document: state.patron.idDocument }),
      });
    },

    confirmLink(req: Request, res: Response) {
      const state = deps.pinReset.confirm(String(req.params.token), clientAddress(req), res.locals.locale);
      if (state.kind === 'gone') return renderGone(res);
      setNotice(req, 'login.pinReset');
      res.redirect(303, '/login');
    },
  };
}
