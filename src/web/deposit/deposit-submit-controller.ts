import type { Request, Response } from 'express';
import type { DepositAuthorService } from '../../services/deposit/deposit-author-service.js';
import { readFields } from '../http/form-fields.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { setNotice } from '../session/session-helpers.js';
import type { DepositAuthorPages, DepositErrors } from './deposit-author-pages.js';
import { sendPdf } from './deposit-form-view.js';
import { problemErrors } from './deposit-labels.js';

/** A deposit submitted for review by its author, and the author's own PDF, to check what was sent. */
export function createDepositSubmitController(deps: { authors: DepositAuthorService; pages: DepositAuthorPages }) {
  const { authors, pages } = deps;

  return {
    /** "Submit for review": the agreement ticked, and nothing the record needs missing. */
    submit(req: Request, res: Response) {
      const { t } = res.locals;
      const deposit = pages.ownFromUrl(req, res);
      if (!deposit) return;
      const form = readFields(req.body, ['agreement'], { agreement: 20 });
      const agreed = form.ok && form.values.agreement !== '';
      const result = authors.submit(res.locals.patron!, deposit.id, agreed);
      switch (result.kind) {
        case 'submitted':
          setNotice(req, 'deposit.submitted', { title: result.title });
          return res.redirect(303, '/myrecord/deposits');
        case 'not-found':
          return renderNotFound(res);
        case 'not-for-type':
          return pages.renderList(req, res, 422, t('deposit.notForType'));
        case 'not-editable':
          return pages.notEditable(req, res, deposit);
        case 'incomplete': {
          const errors: DepositErrors = problemErrors(result.problems, res.locals);
          if (result.noFile) errors.file = [t('deposit.problem.FILE_REQUIRED')];
          if (result.noAgreement) errors.agreement = [t('deposit.problem.AGREEMENT_REQUIRED')];
          return pages.renderDeposit(req, res, 422, deposit, { errors, alert: t('deposit.notSubmitted') });
        }
      }
    },

    /** The author's own PDF, to check what was sent. */
    async file(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : await authors.ownFile(res.locals.patron!, id);
      if (result.kind !== 'file') return renderNotFound(res);
      sendPdf(res, result);
    },
  };
}
