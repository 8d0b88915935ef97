import type { Request, Response } from 'express';
import { renderNotFound } from '../middleware/error-pages.js';
import type { CirculationService } from '../../services/circulation-service.js';
import { ROW_ID, wholeNumber } from '../query-params.js';
import { setNotice, takeNotice } from '../session-helpers.js';

/** View your Circulation Record: loans, requests (cancelling one), fines. */
export function createCirculationController(deps: { circulation: CirculationService }) {
  return {
    show(req: Request, res: Response) {
      const { t } = res.locals;
      const record = deps.circulation.record(res.locals.patron!);
      const fines = record.fines.map((fine) => ({
        ...fine,
        text: fine.reason.kind === 'overdue' ? t('fine.reason.overdue', { title: fine.reason.title, days: fine.reason.daysLate }) : fine.reason.text,
      }));
      res.render('myrecord/circulation', { ...record, fines, notice: takeNotice(req, t) });
    },

    cancelRequest(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? { ok: false as const } : deps.circulation.cancelRequest(res.locals.patron!, id);
      if (!result.ok) return renderNotFound(res);
      setNotice(req, 'circ.cancelled', { title: result.title });
      res.redirect(303, '/myrecord/circulation');
    },
  };
}
