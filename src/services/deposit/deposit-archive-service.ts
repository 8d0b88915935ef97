/**
 * The archive as the public reads it: published deposits, newest first; a published deposit's page
 * and its PDF once the embargo is over; a withdrawn one's tombstone. Nothing else is shown.
 */
import type { DepositRepo, DepositView } from '../../db/deposit/deposit-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import { embargoOver } from '../../domain/deposit/deposit.js';
import type { Clock } from '../../lib/clock.js';
import type { UploadStore } from '../uploads/upload-store.js';
import { openDepositFile, type FileResult } from './deposit-files.js';
import { DEPOSIT_PAGE_SIZE, pageOf } from './deposit-pages.js';

export type PublicPage =
  | { kind: 'published'; deposit: DepositView; fileOpen: boolean }
  | { kind: 'withdrawn'; deposit: DepositView; withdrawnAt: number; reason: string | null }
  | { kind: 'not-found' };

export type DepositArchiveService = ReturnType<typeof createDepositArchiveService>;

export function createDepositArchiveService(deps: {
  deposits: DepositRepo;
  history: StatusHistoryRepo;
  uploads: UploadStore;
  clock: Clock;
}) {
  const { deposits, history, uploads, clock } = deps;
  const today = () => libraryDateOf(clock.now());

  return {
    publicList(page: number) {
      const total = deposits.publishedCount();
      const at = pageOf(page, total);
      return { deposits: deposits.published(DEPOSIT_PAGE_SIZE, at.offset), total, page: at.page, pages: at.pages, today: today() };
    },

    /** A published deposit's page; a withdrawn one's tombstone; anything else is not found. */
    publicPage(id: number): PublicPage {
      const deposit = deposits.find(id);
      if (!deposit) return { kind: 'not-found' };
      if (deposit.status === 'published')
        return { kind: 'published', deposit, fileOpen: deposit.file !== null && embargoOver(deposit.metadata.embargoUntil, today()) };
      if (deposit.status === 'withdrawn') {
        const step = history
          .of('deposit', id)
          .filter((h) => h.status === 'withdrawn')
          .at(-1);
        return { kind: 'withdrawn', deposit, withdrawnAt: step?.atMs ?? deposit.statusAt, reason: step?.note ?? null };
      }
      return { kind: 'not-found' };
    },

    /** The public file: only of a published deposit whose embargo is over. */
    publicFile(id: number): Promise<FileResult> {
      const deposit = deposits.find(id);
      if (!deposit || (deposit.status !== 'published' && deposit.status !== 'withdrawn')) return Promise.resolve({ kind: 'not-found' });
      if (deposit.status === 'withdrawn') return Promise.resolve({ kind: 'withdrawn' });
      if (!embargoOver(deposit.metadata.embargoUntil, today()))
        return Promise.resolve({ kind: 'embargoed', until: deposit.metadata.embargoUntil! });
      return openDepositFile(uploads, deposit);
    },
  };
}
