import type { NextFunction, Request, Response } from 'express';
import { DEPOSIT_FIELDS, type DepositField } from '../../domain/deposit/deposit-form.js';
import type { AttachResult, DepositAuthorService, SaveResult } from '../../services/deposit/deposit-author-service.js';
import type { DepositLine } from '../../services/deposit/deposit-pages.js';
import { formFailureMessage, readFields, type FormFailure } from '../http/form-fields.js';
import { readUpload, type UploadFields } from '../http/multipart-upload.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { setNotice } from '../session/session-helpers.js';
import type { DepositAuthorPages } from './deposit-author-pages.js';
import { DEPOSIT_READ_LIMITS } from './deposit-form-view.js';
import { DEPOSIT_FIELD_LABEL, UPLOAD_FAILURE } from './deposit-labels.js';

/** The description typed in the same form as the file, saved before a byte of the file is read. */
type DescriptionStep =
  /** The form carried the file alone. */
  | { kind: 'none' }
  /** A field sent twice or far too long: nothing saved. */
  | { kind: 'unreadable'; failure: FormFailure<DepositField> }
  | { kind: 'done'; result: SaveResult; values: Record<DepositField, string> };

/** What the form with a file came to: its description, then (once that was saved) its file. */
interface UploadStep {
  description: DescriptionStep;
  attached?: AttachResult;
}

/** The deposit's form with its PDF (multipart): the description saved first, then the file stored. */
export function createDepositUploadController(deps: {
  authors: DepositAuthorService;
  pages: DepositAuthorPages;
  uploadMaxMb: number;
  validFormToken: (req: Request, token: string) => boolean;
  invalidTokenError: () => Error;
}) {
  const { authors, pages } = deps;
  const maxBytes = deps.uploadMaxMb * 1024 * 1024;

  function answerUpload(req: Request, res: Response, deposit: DepositLine, result: AttachResult, withDescription: boolean) {
    const { t } = res.locals;
    switch (result.kind) {
      case 'stored':
        setNotice(req, withDescription ? 'deposit.savedWithFile' : result.replaced ? 'deposit.fileReplaced' : 'deposit.fileStored', {
          size: res.locals.formatFileSize(result.size),
          sha256: result.sha256,
        });
        return res.redirect(303, `/myrecord/deposits/${deposit.id}`);
      case 'not-found':
        return renderNotFound(res);
      case 'not-for-type':
        return pages.renderList(req, res, 422, t('deposit.notForType'));
      case 'not-editable':
        return pages.notEditable(req, res, authors.ownDeposit(res.locals.patron!, deposit.id) ?? deposit);
      case 'over-storage': {
        const message = t('deposit.limit.storage', { storageMb: result.storageMb });
        return pages.renderDeposit(req, res, 422, deposit, { alert: message, errors: { file: [message] } });
      }
      case 'upload-failed': {
        const failure = UPLOAD_FAILURE[result.failure];
        const message = t(failure.key, { max: deps.uploadMaxMb });
        return pages.renderDeposit(req, res, failure.status, deposit, { alert: message, errors: { file: [message] } });
      }
    }
  }

  /** The description fields of an upload's form saved, or why not; none sent is 'none' (the file alone). */
  function saveDescription(res: Response, id: number, fields: UploadFields): DescriptionStep {
    if (!DEPOSIT_FIELDS.some((name) => Object.hasOwn(fields, name))) return { kind: 'none' };
    const form = readFields(fields, DEPOSIT_FIELDS, DEPOSIT_READ_LIMITS);
    if (!form.ok) return { kind: 'unreadable', failure: form };
    return { kind: 'done', values: form.values, result: authors.save(res.locals.patron!, id, form.values) };
  }

  /** The description of an upload's form that was not saved: the page again, saying the file was not kept either. */
  function answerDescription(req: Request, res: Response, deposit: DepositLine, step: DescriptionStep, fileChosen: boolean) {
    const { t } = res.locals;
    const fileErrors = fileChosen ? [t('deposit.fileNotKept')] : undefined;
    if (step.kind === 'unreadable')
      return pages.renderDeposit(req, res, 422, deposit, {
        alert: formFailureMessage(step.failure, t, DEPOSIT_FIELD_LABEL),
        errors: fileErrors && { file: fileErrors },
      });
    if (step.kind === 'done') return pages.answerSave(req, res, deposit, step.result, step.values, fileErrors);
  }

  return {
    /**
     * POST /myrecord/deposits/:id/file, multipart: `_csrf`, the description's fields (the page's
     * form has them with the file, so what the author typed is saved with the PDF he chose, not
     * lost), then `file`. The guards checked the session; the token is checked before the file is
     * read (multipart-upload.ts). The description is saved first, whole or not at all: one with
     * problems keeps the file out too, and the page shows both beside their fields. Then whether
     * the deposit may take a file is checked before a byte of it is stored. Without a file chosen
     * the description alone is saved; the file alone (no description fields) is stored as it is.
     */
    async upload(req: Request, res: Response, next: NextFunction) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const patron = res.locals.patron!;
      const outcome = await readUpload(req, {
        fileField: 'file',
        maxBytes,
        validToken: (token) => deps.validFormToken(req, token),
        fields: DEPOSIT_READ_LIMITS,
        onFile: async (file, fields): Promise<UploadStep> => {
          if (id === undefined) return { description: { kind: 'none' }, attached: { kind: 'not-found' } };
          const description = saveDescription(res, id, fields);
          if (description.kind === 'unreadable' || (description.kind === 'done' && description.result.kind !== 'saved'))
            return { description };
          return { description, attached: await authors.attachFile(patron, id, file) };
        },
      });
      if (outcome.kind === 'csrf') return next(deps.invalidTokenError());
      if (outcome.kind === 'no-file' && id !== undefined) {
        const description = saveDescription(res, id, outcome.fields);
        const deposit = authors.ownDeposit(patron, id);
        if (!deposit) return renderNotFound(res);
        if (description.kind === 'done') return pages.answerSave(req, res, deposit, description.result, description.values);
        if (description.kind === 'unreadable') return answerDescription(req, res, deposit, description, false);
      }
      const deposit = id === undefined ? undefined : authors.ownDeposit(patron, id);
      if (!deposit) return renderNotFound(res);
      switch (outcome.kind) {
        case 'too-large': {
          const message = t('upload.tooLarge', { max: deps.uploadMaxMb });
          return pages.renderDeposit(req, res, 413, deposit, { alert: message, errors: { file: [message] } });
        }
        case 'no-file':
          return pages.renderDeposit(req, res, 422, deposit, {
            alert: t('upload.noFile'),
            errors: { file: [t('upload.noFile')] },
          });
        case 'malformed':
          return pages.renderDeposit(req, res, 400, deposit, { alert: t('upload.malformed') });
        case 'handled': {
          const { description, attached } = outcome.value;
          if (!attached) return answerDescription(req, res, deposit, description, true);
          return answerUpload(req, res, deposit, attached, description.kind === 'done');
        }
      }
    },
  };
}
