import type { NextFunction, Request, Response } from 'express';
import type { MessageKey } from '../../messages/index.js';
import type { DeliverResult, IllCopyService } from '../../services/ill/ill-copy-service.js';
import type { IllQueueService } from '../../services/ill/ill-queue-service.js';
import type { UploadFailure } from '../../services/uploads/upload-store.js';
import type { StaffActor } from '../../services/ill/ill-change-notes.js';
import { clientAddress } from '../http/client-address.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { readUpload } from '../http/multipart-upload.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice } from '../session/session-helpers.js';
import { createStaffIllQueuePage } from './staff-ill-queue-page.js';

/** Answers of a refused upload: the page status and its words. */
const UPLOAD_FAILURE: Record<UploadFailure, { status: number; key: MessageKey }> = {
  'too-large': { status: 413, key: 'upload.tooLarge' },
  'wrong-kind': { status: 422, key: 'upload.wrongKind' },
  empty: { status: 422, key: 'upload.empty' },
  interrupted: { status: 400, key: 'upload.interrupted' },
};

/** The copy of an article request, uploaded by staff from the ILL queue; a refused upload shows the queue again. */
export function createStaffIllCopyController(deps: {
  ill: IllQueueService;
  copies: IllCopyService;
  uploadMaxMb: number;
  validFormToken: (req: Request, token: string) => boolean;
  invalidTokenError: () => Error;
}) {
  const { ill, copies } = deps;
  const maxBytes = deps.uploadMaxMb * 1024 * 1024;
  const { render: renderQueue, backToQueue, statusOf } = createStaffIllQueuePage(deps);
  const actor = (req: Request, res: Response): StaffActor => ({ staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) });

  function answerDelivery(req: Request, res: Response, id: number, result: DeliverResult) {
    const { t } = res.locals;
    switch (result.kind) {
      case 'delivered':
        setNotice(req, 'staffIll.delivered', { title: result.title, size: res.locals.formatFileSize(result.size), sha256: result.sha256 });
        return backToQueue(req, res, id);
      case 'not-found':
        return renderNotFound(res);
      case 'not-deliverable':
        return renderQueue(req, res, 409, { alert: t('staffIll.upload.notDeliverable', { id, status: statusOf(id, t) }), formFor: id });
      case 'upload-failed': {
        const failure = UPLOAD_FAILURE[result.failure];
        const alert = t(failure.key, { max: deps.uploadMaxMb });
        return renderQueue(req, res, failure.status, { alert, formFor: id, errors: { file: [alert] } });
      }
    }
  }

  return {
    /**
     * POST /staff/ill/:id/copy, multipart: `_csrf`, then `file`. The guards have checked the session
     * and the role; the token is checked here before the file is read (multipart-upload.ts).
     */
    async uploadCopy(req: Request, res: Response, next: NextFunction) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const outcome = await readUpload(req, {
        fileField: 'file',
        maxBytes,
        validToken: (token) => deps.validFormToken(req, token),
        onFile: (file) =>
          id === undefined ? Promise.resolve<DeliverResult>({ kind: 'not-found' }) : copies.deliver(actor(req, res), id, file),
      });
      switch (outcome.kind) {
        case 'csrf':
          return next(deps.invalidTokenError());
        case 'too-large':
          return renderQueue(req, res, 413, {
            alert: t('upload.tooLarge', { max: deps.uploadMaxMb }),
            formFor: id,
            errors: { file: [t('upload.tooLarge', { max: deps.uploadMaxMb })] },
          });
        case 'no-file':
          if (id === undefined || !ill.statusOf(id)) return renderNotFound(res);
          return renderQueue(req, res, 422, {
            alert: t('upload.noFile'),
            formFor: id,
            errors: { file: [t('upload.noFile')] },
          });
        case 'malformed':
          return renderQueue(req, res, 400, { alert: t('upload.malformed'), formFor: id });
        case 'handled':
          return answerDelivery(req, res, id ?? 0, outcome.value);
      }
    },
  };
}
