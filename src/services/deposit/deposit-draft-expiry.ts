/**
 * Drafts nobody changes are not kept for ever (docs/rules.md §8): a draft untouched for `draftDays`
 * is deleted with its file by housekeeping, 14 days after a mail to its author.
 */
import type { Database } from '../../db/engine/database.js';
import type { DepositRepo } from '../../db/deposit/deposit-repo.js';
import { deleteUntouchedSince, deletionAt, warnedLongEnoughBy, warnUntouchedSince } from '../../domain/deposit/deposit-limits.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { UploadStore } from '../uploads/upload-store.js';
import type { DepositNotes } from './deposit-notes.js';
import { removeDepositFile } from './deposit-files.js';

export type DepositDraftExpiry = ReturnType<typeof createDepositDraftExpiry>;

export function createDepositDraftExpiry(deps: {
  db: Database;
  deposits: DepositRepo;
  notes: DepositNotes;
  uploads: UploadStore;
  clock: Clock;
  logger: Logger;
  /** Days a draft nobody changes is kept (DEPOSIT_DRAFT_DAYS). */
  draftDays: number;
}) {
  const { db, deposits, notes, uploads, clock, logger, draftDays } = deps;

  return {
    /**
     * Mails the authors of drafts whose days end in 14 (once for each untouched spell, claimed before
     * the mail goes), then deletes the drafts whose days are up and whose authors were told at least
     * 14 days ago (or have no address), each with its history; their files after the commit.
     */
    async expireDrafts(): Promise<{ warned: number; deleted: number }> {
      const now = clock.now();
      const mails: Array<() => void> = [];
      const files: string[] = [];
      const counts = db.transaction(() => {
        let warned = 0;
        for (const draft of deposits.unwarnedDrafts(warnUntouchedSince(now, draftDays))) {
          if (!deposits.claimWarning(draft.id, draft.updatedAt, now)) continue;
          mails.push(() => notes.draftExpiring(draft, deletionAt(draft.updatedAt, now, draftDays), draftDays));
          warned++;
        }
        let deleted = 0;
        for (const draft of deposits.expiredDrafts(deleteUntouchedSince(now, draftDays), warnedLongEnoughBy(now))) {
          if (!deposits.deleteDraft(draft.id, draft.updatedAt)) continue;
          if (draft.fileName) files.push(draft.fileName);
          deleted++;
        }
        return { warned, deleted };
      });
      for (const mail of mails) mail();
      for (const name of files) await removeDepositFile(uploads, logger, name);
      if (counts.deleted > 0) logger.info(`${counts.deleted} deposit drafts untouched for ${draftDays} days were deleted`);
      return counts;
    },
  };
}
