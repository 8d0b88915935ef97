/**
 * The copy of an article request: staff upload the PDF (streamed through the upload store), the
 * patron downloads it at most ill_limits.copy_downloads times within copy_days of its delivery,
 * then the file is deleted. Nobody else can fetch it, staff included: they see its size and SHA-256.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Database } from '../../db/engine/database.js';
import type { IllLimitRepo } from '../../db/ill/ill-limit-repo.js';
import type { IllRepo } from '../../db/ill/ill-repo.js';
import { copyExpiresAt, copyState, type CopyState } from '../../domain/ill/copy-download.js';
import { mayDeliverCopy } from '../../domain/ill/ill-status-flow.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { PDF_SIGNATURE, type UploadFailure, type UploadStore } from '../uploads/upload-store.js';
import { requestTitle, type IllChangeNotes, type StaffActor } from './ill-change-notes.js';

export type DeliverableCheck = { kind: 'deliverable'; title: string } | { kind: 'not-found' } | { kind: 'not-deliverable'; title: string };

export type DeliverResult =
  | { kind: 'delivered'; title: string; size: number; sha256: string }
  | { kind: 'not-found' }
  /** Not an article copy sent to a lender (a book, not sent yet, delivered already). */
  | { kind: 'not-deliverable'; title: string }
  | { kind: 'upload-failed'; failure: UploadFailure };

export type DownloadResult =
  | { kind: 'file'; handle: FileHandle; size: number; title: string; downloadsLeft: number }
  | { kind: 'not-found' }
  /** Downloaded as often as allowed, or past its days: the file is gone. */
  | { kind: 'gone'; state: CopyState };

export type IllCopyService = ReturnType<typeof createIllCopyService>;

export function createIllCopyService(deps: {
  db: Database;
  ill: IllRepo;
  limits: IllLimitRepo;
  uploads: UploadStore;
  notes: IllChangeNotes;
  clock: Clock;
  logger: Logger;
}) {
  const { db, ill, limits, uploads, notes, clock, logger } = deps;

  function deliverable(id: number): DeliverableCheck {
    const request = ill.find(id);
    if (!request) return { kind: 'not-found' };
    if (!mayDeliverCopy(request.kind, request.status)) return { kind: 'not-deliverable', title: requestTitle(request) };
    return { kind: 'deliverable', title: requestTitle(request) };
  }

  /** Deletes a copy's file and notes it; a file already gone is no fault. */
  async function deleteFile(id: number, fileName: string): Promise<void> {
    ill.markFileDeleted(id, clock.now());
    await uploads
      .remove(fileName)
      .catch((err: unknown) => logger.error(`the copy of interlibrary loan request ${id} could not be deleted`, err));
  }

  return {
    /** Whether a copy may be uploaded for this request now: asked before a byte of the file is read. */
    deliverable,

    /**
     * Streams the PDF into the upload store, then records it (status delivered, history, audit with
     * size and SHA-256) and mails the patron. A file that fails its checks, or arrives for a request
     * that moved on meanwhile, is removed: only a complete, checked file is ever recorded.
     */
    async deliver(actor: StaffActor, id: number, file: Readable): Promise<DeliverResult> {
      const before = deliverable(id);
      if (before.kind !== 'deliverable') return before;
      const received = await uploads.receive(file, { signature: PDF_SIGNATURE });
      if (!received.ok) return { kind: 'upload-failed', failure: received.failure };
      const stored = received.file;
      let mailAfter: (() => void) | undefined;
      const result = db.transaction((): DeliverResult => {
        const request = ill.find(id);
        if (!request) return { kind: 'not-found' };
        const at = clock.now();
        if (!ill.deliver(id, { fileName: stored.name, size: stored.size, sha256: stored.sha256 }, at))
          return { kind: 'not-deliverable', title: requestTitle(request) };
        notes.record(
          request,
          { status: 'delivered', at, actor },
          'ill.copy-uploaded',
          `${id} "${requestTitle(request)}": ${stored.size} bytes, SHA-256 ${stored.sha256}`,
        );
        const patronLimits = limits.limitsFor(request.patronType);
        mailAfter = () =>
          notes.mail(request, {
            status: 'delivered',
            lender: null,
            dueDate: null,
            reason: null,
            copyUntil: copyExpiresAt(at, patronLimits),
            copyDownloads: patronLimits.copyDownloads,
          });
        return { kind: 'delivered', title: requestTitle(request), size: stored.size, sha256: stored.sha256 };
      });
      if (result.kind !== 'delivered') await uploads.remove(stored.name);
      mailAfter?.();
      return result;
    },

    /**
     * The patron's copy, to send. The download is counted in the database before a byte is sent,
     * only while one is left (so racing downloads of the last one end with exactly one served);
     * the file is opened first, then deleted after the last allowed download (the open handle
     * still reads it).
     */
    async download(patron: Patron, id: number): Promise<DownloadResult> {
      const request = ill.find(id);
      if (!request || request.patronId !== patron.id || !request.copy) return { kind: 'not-found' };
      const patronLimits = limits.limitsFor(patron.patronType);
      const now = clock.now();
      const { copy } = request;
      const downloads = ill.claimDownload(id, patron.id, patronLimits.copyDownloads, now - patronLimits.copyDays * 86_400_000);
      if (downloads === undefined || copy.fileName === null) {
        const fresh = ill.find(id)?.copy ?? copy;
        return { kind: 'gone', state: copyState(fresh, patronLimits, now) };
      }
      let handle: FileHandle;
      try {
        handle = await uploads.openHandle(copy.fileName);
      } catch {
        // Deleted by housekeeping between the claim and the open.
        return { kind: 'gone', state: copyState({ ...copy, fileDeletedAt: now }, patronLimits, now) };
      }
      // Only the download that used up the last one deletes the file.
      if (downloads >= patronLimits.copyDownloads) await deleteFile(id, copy.fileName);
      const { size } = await handle.stat();
      return {
        kind: 'file',
        handle,
        size,
        title: requestTitle(request),
        downloadsLeft: Math.max(0, patronLimits.copyDownloads - downloads),
      };
    },

    /** Housekeeping: deletes the copies whose days are over. Returns how many. */
    async expireCopies(): Promise<number> {
      const expired = ill.expiredCopies(clock.now());
      for (const { id, fileName } of expired) await deleteFile(id, fileName);
      return expired.length;
    },
  };
}
