import type { Request, Response } from 'express';
import { DEPOSIT_FIELDS } from '../../domain/deposit/deposit-form.js';
import type { DepositAuthorService } from '../../services/deposit/deposit-author-service.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import type { DepositAuthorPages } from './deposit-author-pages.js';
import { DEPOSIT_READ_LIMITS } from './deposit-form-view.js';
import { DEPOSIT_FIELD_LABEL } from './deposit-labels.js';

/** A deposit's page for its author, and its description saved with "Save draft" (the form without a file). */
export function createDepositEditController(deps: { authors: DepositAuthorService; pages: DepositAuthorPages }) {
  const { authors, pages } = deps;

  return {
    show(req: Request, res: Response) {
      const deposit = pages.ownFromUrl(req, res);
      if (deposit) pages.renderDeposit(req, res, 200, deposit);
    },

    /** "Save draft": the whole description, or nothing and every problem beside its field. */
    save(req: Request, res: Response) {
      const { t } = res.locals;
      const deposit = pages.ownFromUrl(req, res);
      if (!deposit) return;
      const form = readFields(req.body, DEPOSIT_FIELDS, DEPOSIT_READ_LIMITS);
      if (!form.ok) return pages.renderDeposit(req, res, 422, deposit, { alert: formFailureMessage(form, t, DEPOSIT_FIELD_LABEL) });
      pages.answerSave(req, res, deposit, authors.save(res.locals.patron!, deposit.id, form.values), form.values);
    },
  };
}
