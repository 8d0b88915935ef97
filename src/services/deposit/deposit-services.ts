/**
 * The research archive's services, built together from what they share: the author's, the
 * reviewer's, the public archive's, and housekeeping's expiry of forgotten drafts. Each caller takes
 * only the one it acts through.
 */
import type { Database } from '../../db/engine/database.js';
import type { DepositRepo } from '../../db/deposit/deposit-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { UploadStore } from '../uploads/upload-store.js';
import { createDepositArchiveService } from './deposit-archive-service.js';
import { createDepositAuthorService } from './deposit-author-service.js';
import { createDepositDraftExpiry } from './deposit-draft-expiry.js';
import type { DepositNotes } from './deposit-notes.js';
import { createDepositReviewService } from './deposit-review-service.js';

export type DepositServices = ReturnType<typeof createDepositServices>;

export function createDepositServices(deps: {
  db: Database;
  deposits: DepositRepo;
  history: StatusHistoryRepo;
  notes: DepositNotes;
  uploads: UploadStore;
  clock: Clock;
  logger: Logger;
  /** Days a draft nobody changes is kept (DEPOSIT_DRAFT_DAYS). */
  draftDays: number;
}) {
  return {
    authors: createDepositAuthorService(deps),
    review: createDepositReviewService(deps),
    archive: createDepositArchiveService(deps),
    drafts: createDepositDraftExpiry(deps),
  };
}
