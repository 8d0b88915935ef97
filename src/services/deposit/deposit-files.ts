/**
 * A deposit's PDF in the upload store, as the author, staff and the public pages open it, and as
 * every step that no longer needs a file deletes it.
 */
import type { FileHandle } from 'node:fs/promises';
import type { DepositView } from '../../db/deposit/deposit-repo.js';
import type { Logger } from '../../lib/logger.js';
import type { UploadStore } from '../uploads/upload-store.js';

export type FileResult =
  | { kind: 'file'; handle: FileHandle; size: number; id: number }
  | { kind: 'not-found' }
  | { kind: 'embargoed'; until: string }
  | { kind: 'withdrawn' };

/** The deposit's stored file, opened; a deposit without one, or a file gone from the store, is not found. */
export function openDepositFile(uploads: UploadStore, deposit: DepositView): Promise<FileResult> {
  const file = deposit.file;
  if (!file) return Promise.resolve({ kind: 'not-found' });
  return uploads.openHandle(file.fileName).then(
    async (handle) => ({ kind: 'file', handle, size: (await handle.stat()).size, id: deposit.id }),
    () => ({ kind: 'not-found' }),
  );
}

/** Deletes a file no row names any more; a failure is logged (the orphan sweep tries again). */
export async function removeDepositFile(uploads: UploadStore, logger: Logger, name: string): Promise<void> {
  await uploads.remove(name).catch((err: unknown) => logger.error(`the deposit file ${name} could not be deleted`, err));
}
