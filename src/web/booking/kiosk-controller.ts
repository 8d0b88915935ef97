import type { Request, Response } from 'express';
import { clockTimeOf } from '../../domain/booking/booking-time.js';
import type { KioskLine } from '../../domain/booking/kiosk.js';
import type { MessageKey } from '../../messages/index.js';
import type { LoginInputError } from '../../services/auth/auth-service.js';
import type { KioskService } from '../../services/booking/kiosk-service.js';
import { clientAddress } from '../http/client-address.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { refuse } from '../auth/refusal.js';
import { timeSpan } from './booking-labels.js';

const LINE_STATE_TEXT: Record<KioskLine['state'], MessageKey> = {
  free: 'booking.slot.free',
  closed: 'booking.slot.closed',
  past: 'booking.slot.past',
  booked: 'kiosk.state.booked',
  checked_in: 'kiosk.state.checked_in',
};

const INPUT_MESSAGE: Record<LoginInputError['code'], MessageKey> = {
  BARCODE_MISSING: 'barcode.BARCODE_MISSING',
  BARCODE_MALFORMED: 'barcode.BARCODE_MALFORMED',
  PIN_MISSING: 'pin.login.PIN_MISSING',
  PIN_MALFORMED: 'pin.login.PIN_MALFORMED',
};

/**
 * A facility's kiosk (/kiosk/:token): public, for a screen anyone passes. It never reads the
 * session, so a staff or patron session in the browser changes nothing on it; it starts none, and
 * a barcode or PIN typed is never shown back (the next person at the screen would see it).
 */
export function createKioskController(deps: { kiosks: KioskService }) {
  const { kiosks } = deps;
  const tokenOf = (req: Request) => String(req.params.token);

  function render(
    req: Request,
    res: Response,
    status: number,
    view: { notice?: string; alert?: string; errors?: Record<string, string> } = {},
  ): void {
    const l = res.locals;
    const screen = kiosks.screen(tokenOf(req));
    if (!screen) return renderNotFound(res);
    res.status(status).render('booking/kiosk', {
      facility: screen.facility.name,
      dateText: l.formatDate(screen.date),
      before: screen.rules.checkInBeforeMin,
      after: screen.rules.noShowAfterMin,
      lines: screen.lines.map((line) => ({
        time: timeSpan(line.start, line.end, l),
        state: line.state,
        stateText: l.t(LINE_STATE_TEXT[line.state]),
        initials: line.initials,
      })),
      action: `/kiosk/${encodeURIComponent(tokenOf(req))}/check-in`,
      notice: view.notice,
      alert: view.alert,
      errors: view.errors ?? {},
    });
  }

  return {
    show(req: Request, res: Response) {
      render(req, res, 200);
    },

    async checkIn(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['barcode', 'pin']);
      if (!form.ok) return render(req, res, 422, { alert: formFailureMessage(form, t, { barcode: 'login.barcode', pin: 'login.pin' }) });
      const result = await kiosks.checkIn(tokenOf(req), form.values, clientAddress(req));
      const when = (b: { facilityName: string; startsAt: number; endsAt: number }) => ({
        facility: b.facilityName,
        from: clockTimeOf(b.startsAt),
        to: clockTimeOf(b.endsAt),
      });
      switch (result.kind) {
        case 'not-found':
          return renderNotFound(res);
        case 'malformed': {
          const errors: Record<string, string> = {};
          for (const error of result.errors) errors[error.field] = t(INPUT_MESSAGE[error.code]);
          return render(req, res, 422, { alert: t('form.fixErrors'), errors });
        }
        case 'blocked': {
          const alert = refuse(res, result.refusal, { keyBlocked: 'login.blocked', suspended: 'refusal.suspended.patron' });
          return render(req, res, 429, { alert });
        }
        case 'incorrect':
          return render(req, res, 401, { alert: t('login.failed') });
        case 'checked-in':
          return render(req, res, 200, { notice: t('kiosk.checkedIn', when(result.booking)) });
        case 'not-yet':
          return render(req, res, 422, { alert: t('kiosk.tooEarly', { ...when(result.booking), time: clockTimeOf(result.opensAt) }) });
        case 'already-in':
          return render(req, res, 422, { alert: t('kiosk.alreadyIn', when(result.booking)) });
        case 'over':
          return render(req, res, 422, { alert: t('kiosk.tooLate', when(result.booking)) });
        case 'none':
          return render(req, res, 422, { alert: t('kiosk.noBooking') });
      }
    },
  };
}
