/**
 * Institutional Research Archive Online Submission: staff and postgraduates deposit their work as a
 * PDF with its description; the repository staff review it; published work is public.
 */
import { createDepositRepo } from '../db/deposit/deposit-repo.js';
import { createDepositNotes } from '../services/deposit/deposit-notes.js';
import { createDepositServices } from '../services/deposit/deposit-services.js';
import { DEPOSIT_UPLOAD_ROUTES, depositHome, depositRoutes } from '../web/deposit/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

export function depositModule(k: Kernel) {
  const repo = createDepositRepo(k.db);
  const notes = createDepositNotes({
    history: k.history,
    audit: k.audit,
    notices: k.notices,
    patrons: k.patrons,
    publicUrl: k.config.publicUrl,
  });
  const deposits = createDepositServices({
    db: k.db,
    deposits: repo,
    history: k.history,
    notes,
    uploads: k.uploads,
    clock: k.clock,
    logger: k.logger,
    draftDays: k.config.depositDraftDays,
  });
  const area: Area = {
    routes: (web) => depositRoutes({ deposits }, web),
    home: depositHome(deposits.authors),
    uploadRoutes: DEPOSIT_UPLOAD_ROUTES,
    // Drafts nobody has changed for DEPOSIT_DRAFT_DAYS: mailed 14 days before, then deleted with their files.
    housekeeping: [{ what: 'expiring deposit drafts', run: () => deposits.drafts.expireDrafts() }],
    namesFile: (name) => repo.namesFile(name),
  };
  return { area, services: { deposits }, repos: { deposits: repo } };
}
