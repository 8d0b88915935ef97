/**
 * What keeps deposits from filling the disk (deposit_rules, per patron type):
 *   - drafts_allowed: drafts a patron may have open at once (5 by default);
 *   - storage_mb: MB (MiB) of deposit files, in any status, a patron may keep (200 by default);
 * and how long a draft nobody touches is kept: DEPOSIT_DRAFT_DAYS (90 by default) after it was last
 * changed it is deleted with its file, once its author has been mailed DRAFT_WARNING_DAYS before.
 */
import type { DepositRules } from './deposit.js';

export const MB = 1024 * 1024;
const DAY_MS = 86_400_000;

/** How many days before a draft is deleted its author is told. */
export const DRAFT_WARNING_DAYS = 14;

/** Where a patron stands: drafts open and bytes of deposit files kept, against the type's limits. */
export interface DepositUsage {
  drafts: number;
  draftsAllowed: number;
  usedBytes: number;
  storageMb: number;
}

export const usageOf = (rules: DepositRules, drafts: number, usedBytes: number): DepositUsage => ({
  drafts,
  draftsAllowed: rules.draftsAllowed,
  usedBytes,
  storageMb: rules.storageMb,
});

/** Whether another draft may be made now. */
export const mayOpenDraft = (usage: DepositUsage): boolean => usage.drafts < usage.draftsAllowed;

/**
 * The most bytes a new file may have, where `replacedBytes` are those of the file it replaces (which
 * is then deleted, so it does not count): never below 0.
 */
export function storageRoom(usage: DepositUsage, replacedBytes: number): number {
  return Math.max(0, usage.storageMb * MB - (usage.usedBytes - replacedBytes));
}

/** MB used as the page shows it: rounded up, so that a patron is never told there is room that is not there. */
export const usedMb = (usage: DepositUsage): number => Math.ceil(usage.usedBytes / MB);

/** A draft last changed at or before this moment is due its warning now. */
export const warnUntouchedSince = (now: number, draftDays: number): number => now - (draftDays - DRAFT_WARNING_DAYS) * DAY_MS;

/** A draft last changed at or before this moment has been kept as long as it may be. */
export const deleteUntouchedSince = (now: number, draftDays: number): number => now - draftDays * DAY_MS;

/** A warning sent at or before this moment has given its author the days promised. */
export const warnedLongEnoughBy = (now: number): number => now - DRAFT_WARNING_DAYS * DAY_MS;

/**
 * When a draft untouched since `untouchedSince` and warned at `warnedAt` is deleted: its days are up,
 * and never sooner than the days the warning promised (housekeeping may have been stopped a while).
 */
export const deletionAt = (untouchedSince: number, warnedAt: number, draftDays: number): number =>
  Math.max(untouchedSince + draftDays * DAY_MS, warnedAt + DRAFT_WARNING_DAYS * DAY_MS);
