/**
 * A delivered copy may be downloaded by its patron at most ill_limits.copy_downloads times
 * (5), within ill_limits.copy_days (30) of its delivery; then its file is deleted. The count
 * itself is claimed in the database (ill-repo.ts claimDownload), so racing downloads cannot pass it.
 */
import type { DeliveredCopy, IllLimits } from './ill-request.js';

const DAY_MS = 86_400_000;

export type CopyState =
  | { kind: 'available'; left: number; untilMs: number }
  /** Downloaded as often as allowed: the file was deleted. */
  | { kind: 'used-up'; downloads: number }
  /** Past its days: the file was (or is about to be) deleted. */
  | { kind: 'expired'; untilMs: number };

/** The last moment a copy delivered at `deliveredAt` may be downloaded (exclusive). */
export function copyExpiresAt(deliveredAt: number, limits: Pick<IllLimits, 'copyDays'>): number {
  return deliveredAt + limits.copyDays * DAY_MS;
}

export function copyState(copy: DeliveredCopy, limits: Pick<IllLimits, 'copyDays' | 'copyDownloads'>, now: number): CopyState {
  const untilMs = copyExpiresAt(copy.deliveredAt, limits);
  if (copy.downloads >= limits.copyDownloads) return { kind: 'used-up', downloads: copy.downloads };
  if (now >= untilMs || copy.fileDeletedAt !== null || copy.fileName === null) return { kind: 'expired', untilMs };
  return { kind: 'available', left: limits.copyDownloads - copy.downloads, untilMs };
}
