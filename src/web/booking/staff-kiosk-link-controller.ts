import type { Request, Response } from 'express';
import type { KioskService } from '../../services/booking/kiosk-service.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { renderFacilityEdit } from './staff-facility-pages.js';
import { staffActor } from './staff-actor.js';

/** A facility's kiosk link, made from its edit page. */
export function createStaffKioskLinkController(deps: {
  kiosks: Pick<KioskService, 'makeLink'>;
  /** The portal's address, for the kiosk link as it is typed into the screen's browser. */
  publicUrl: string;
}) {
  const { kiosks, publicUrl } = deps;

  return {
    /**
     * A new kiosk link for the facility, the old one retired. The link is in this answer and
     * nowhere else (not in the session, not in a redirect), so it is shown once.
     */
    make(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : kiosks.makeLink(staffActor(req, res), id);
      if (result.kind === 'not-found') return renderNotFound(res);
      const link = `${publicUrl}/kiosk/${result.token}`;
      renderFacilityEdit(res, 200, result.facility, {
        notice: res.locals.t('staffFacility.kioskMade', { name: result.facility.name }),
        kioskLink: link,
      });
    },
  };
}
