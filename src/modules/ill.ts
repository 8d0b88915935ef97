/**
 * Interlibrary Loan Request: books and article copies from other libraries, with the limits of each
 * patron type; copies arrive as PDFs the patron downloads a few times within their days.
 */
import { createIllRepo } from '../db/ill/ill-repo.js';
import { createIllLimitRepo } from '../db/ill/ill-limit-repo.js';
import { createIllChangeNotes } from '../services/ill/ill-change-notes.js';
import { createIllService } from '../services/ill/ill-service.js';
import { createIllQueueService } from '../services/ill/ill-queue-service.js';
import { createIllCopyService } from '../services/ill/ill-copy-service.js';
import { ILL_UPLOAD_ROUTES, illHome, illRoutes } from '../web/ill/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

export function illModule(k: Kernel) {
  const { db, clock, history, audit } = k;
  const requests = createIllRepo(db);
  const limits = createIllLimitRepo(db);
  const notes = createIllChangeNotes({ history, audit, notices: k.notices, patrons: k.patrons, publicUrl: k.config.publicUrl });
  const ill = createIllService({ db, ill: requests, limits, catalogue: k.catalogue, history, clock });
  const illQueue = createIllQueueService({ db, ill: requests, limits, history, notes, clock });
  const illCopies = createIllCopyService({ db, ill: requests, limits, uploads: k.uploads, notes, clock, logger: k.logger });
  const area: Area = {
    routes: (web) => illRoutes({ ill, queue: illQueue, copies: illCopies }, web),
    home: illHome(ill),
    uploadRoutes: ILL_UPLOAD_ROUTES,
    // Copies past their days: the file goes, the request says so.
    housekeeping: [{ what: 'expiring interlibrary loan copies', run: () => illCopies.expireCopies() }],
    namesFile: (name) => requests.namesFile(name),
  };
  return { area, services: { ill, illQueue, illCopies }, repos: { ill: requests } };
}
