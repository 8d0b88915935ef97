/**
 * Institutional Research Archive Online Submission: the author's deposits, the repository staff's
 * review, and the archive's public pages.
 */
import { Router } from 'express';
import type { DepositServices } from '../../services/deposit/deposit-services.js';
import type { DepositAuthorService } from '../../services/deposit/deposit-author-service.js';
import type { HomeService } from '../home/home-controller.js';
import type { WebKit } from '../http/web-kit.js';
import { createDepositController } from './deposit-controller.js';
import { createRepositoryController } from './repository-controller.js';
import { createStaffDepositController } from './staff-deposit-controller.js';

/** The author's PDF upload: multipart, so it checks its own CSRF token before the file. */
export const DEPOSIT_UPLOAD_ROUTES = [/^\/myrecord\/deposits\/[^/]+\/file$/];

export function depositRoutes(deps: { deposits: DepositServices }, web: WebKit): Router {
  const author = createDepositController({
    authors: deps.deposits.authors,
    uploadMaxMb: web.config.uploadMaxMb,
    validFormToken: web.csrf.validFormToken,
    invalidTokenError: web.csrf.invalidTokenError,
  });
  const review = createStaffDepositController({ review: deps.deposits.review });
  const archive = createRepositoryController({ archive: deps.deposits.archive, publicUrl: web.config.publicUrl });

  const router = Router();
  // For staff and postgraduates.
  const { service } = web.guards;
  router.get('/myrecord/deposits', ...service, author.list);
  router.post('/myrecord/deposits', ...service, author.create);
  router.get('/myrecord/deposits/:id', ...service, author.show);
  router.post('/myrecord/deposits/:id', ...service, author.save);
  // multipart/form-data: the guards run before a byte is read; the CSRF field is checked before the file.
  router.post('/myrecord/deposits/:id/file', ...service, author.upload);
  // The author's own PDF, whatever the status.
  router.get('/myrecord/deposits/:id/file', ...service, author.file);
  router.post('/myrecord/deposits/:id/submit', ...service, author.submit);

  // The archive's public pages: no login (published deposits only; a withdrawn one's tombstone).
  router.get('/repository', archive.list);
  router.get('/repository/:id', archive.show);
  router.get('/repository/:id/file', archive.file);

  // The review, a deposit's metadata edit and its PDF, for staff with the repository role.
  const repositoryDesk = web.guards.role('repository');
  router.get('/staff/deposits', ...repositoryDesk, review.show);
  router.get('/staff/deposits/:id', ...repositoryDesk, review.detail);
  router.post('/staff/deposits/:id', ...repositoryDesk, review.edit);
  router.get('/staff/deposits/:id/file', ...repositoryDesk, review.file);
  router.post('/staff/deposits/:id/claim', ...repositoryDesk, review.claim);
  router.post('/staff/deposits/:id/decision', ...repositoryDesk, review.decide);
  return router;
}

/** On the home: his deposits under review, returned, drafts and published. On the menu for the patron types that may deposit. */
export function depositHome(authors: DepositAuthorService): HomeService {
  return {
    service: 'deposits',
    summary(patron, l) {
      const s = authors.summary(patron);
      return s.total === 0
        ? l.t('home.summary.noDeposits')
        : l.t('home.summary.deposits', { review: s.review, returned: s.returned, drafts: s.drafts, published: s.published });
    },
    mayUse: (patron) => authors.rulesOf(patron).mayDeposit,
  };
}
