/** Interlibrary Loan Request: the patron's requests and copies, and the ILL staff's queue and uploads. */
import { Router } from 'express';
import { mayUseIll } from '../../domain/ill/ill-eligibility.js';
import type { IllCopyService } from '../../services/ill/ill-copy-service.js';
import type { IllService } from '../../services/ill/ill-service.js';
import type { IllQueueService } from '../../services/ill/ill-queue-service.js';
import type { HomeService } from '../home/home-controller.js';
import type { WebKit } from '../http/web-kit.js';
import { createIllController } from './ill-controller.js';
import { createStaffIllController } from './staff-ill-controller.js';
import { createStaffIllCopyController } from './staff-ill-copy-controller.js';

/** The staff's upload of a copy: multipart, so it checks its own CSRF token before the file. */
export const ILL_UPLOAD_ROUTES = [/^\/staff\/ill\/[^/]+\/copy$/];

export function illRoutes(deps: { ill: IllService; queue: IllQueueService; copies: IllCopyService }, web: WebKit): Router {
  const patron = createIllController({ ill: deps.ill, copies: deps.copies });
  const staff = createStaffIllController({ ill: deps.queue, uploadMaxMb: web.config.uploadMaxMb });
  const staffCopy = createStaffIllCopyController({
    ill: deps.queue,
    copies: deps.copies,
    uploadMaxMb: web.config.uploadMaxMb,
    validFormToken: web.csrf.validFormToken,
    invalidTokenError: web.csrf.invalidTokenError,
  });
  const router = Router();
  const { service } = web.guards;
  router.get('/myrecord/ill', ...service, patron.list);
  router.get('/myrecord/ill/new', ...service, patron.showForm);
  router.post('/myrecord/ill/new', ...service, patron.submit);
  router.post('/myrecord/ill/:id/cancel', ...service, patron.cancel);
  // The copy is downloaded by the page's form (POST with its CSRF token), so that only the patron's
  // own click uses one of its downloads; a GET or HEAD of the address leads to that page.
  router.get('/myrecord/ill/:id/copy', ...service, patron.copyLink);
  router.post('/myrecord/ill/:id/copy', ...service, patron.download);

  const illDesk = web.guards.role('ill');
  router.get('/staff/ill', ...illDesk, staff.show);
  router.post('/staff/ill/:id/status', ...illDesk, staff.changeStatus);
  // multipart/form-data: the guards run before a byte is read; the CSRF field is checked before the file.
  router.post('/staff/ill/:id/copy', ...illDesk, staffCopy.uploadCopy);
  return router;
}

/** On the home: his requests by where they stand. On the menu for the patron types the library lends to. */
export function illHome(ill: IllService): HomeService {
  return {
    service: 'ill',
    summary: (patron, l) => l.t('home.summary.ill', ill.summary(patron)),
    mayUse: (patron) => mayUseIll(ill.limitsOf(patron)),
  };
}
