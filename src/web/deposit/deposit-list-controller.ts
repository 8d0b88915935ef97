import type { Request, Response } from 'express';
import type { DepositAuthorService } from '../../services/deposit/deposit-author-service.js';
import { setNotice } from '../session/session-helpers.js';
import type { DepositAuthorPages } from './deposit-author-pages.js';

/** The author's list of deposits, and a new draft opened from it. */
export function createDepositListController(deps: { authors: DepositAuthorService; pages: DepositAuthorPages }) {
  const { authors, pages } = deps;

  return {
    list(req: Request, res: Response) {
      pages.renderList(req, res, 200);
    },

    /** POST /myrecord/deposits: a new draft, then its page. */
    create(req: Request, res: Response) {
      const result = authors.create(res.locals.patron!);
      if (result.kind === 'not-for-type') return pages.renderList(req, res, 422, res.locals.t('deposit.notForType'));
      if (result.kind === 'drafts-full')
        return pages.renderList(req, res, 422, res.locals.t('deposit.limit.drafts', { allowed: result.draftsAllowed }));
      setNotice(req, 'deposit.created');
      res.redirect(303, `/myrecord/deposits/${result.id}`);
    },
  };
}
