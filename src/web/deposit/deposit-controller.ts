import type { Request } from 'express';
import type { DepositAuthorService } from '../../services/deposit/deposit-author-service.js';
import { createDepositAuthorPages } from './deposit-author-pages.js';
import { createDepositEditController } from './deposit-edit-controller.js';
import { createDepositListController } from './deposit-list-controller.js';
import { createDepositSubmitController } from './deposit-submit-controller.js';
import { createDepositUploadController } from './deposit-upload-controller.js';

/**
 * Institutional Research Archive Online Submission, for the author: the list, a deposit's page, its
 * three forms, its file. Each flow is a controller of its own; the routes take them as one.
 */
export function createDepositController(deps: {
  authors: DepositAuthorService;
  uploadMaxMb: number;
  validFormToken: (req: Request, token: string) => boolean;
  invalidTokenError: () => Error;
}) {
  const pages = createDepositAuthorPages(deps);
  const flow = { authors: deps.authors, pages };
  return {
    ...createDepositListController(flow),
    ...createDepositEditController(flow),
    ...createDepositUploadController({ ...deps, pages }),
    ...createDepositSubmitController(flow),
  };
}
