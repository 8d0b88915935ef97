/**
 * Institutional Research Archive Online Submission, for the author (docs/rules.md §8): a researcher
 * opens a draft, describes the paper or thesis, uploads its PDF, accepts the deposit agreement and
 * submits it. Every change is one IMMEDIATE transaction, made only from the status it was seen in,
 * so two submits never both win.
 *
 * Files: the PDF is streamed to the upload store (random name, `.part` then renamed, SHA-256 and
 * the `%PDF-` check on the way) before the row is touched; only a complete, checked file is ever
 * recorded, and a file the row no longer names (replaced) is deleted only after the new one is
 * committed. What a stopped server leaves between those two steps is swept by housekeeping
 * (upload-store.ts, sweepOrphans).
 *
 * Limits (domain/deposit/deposit-limits.ts): drafts open at once and MB of files kept, per patron
 * type, each checked in the transaction that would pass it, so requests at once cannot both slip
 * under; an upload is cut off where it would pass the storage.
 */
import type { Readable } from 'node:stream';
import type { Database } from '../../db/engine/database.js';
import type { DepositRepo, DepositView } from '../../db/deposit/deposit-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import { mayAuthorEdit, type DepositRules, type DepositStatus } from '../../domain/deposit/deposit.js';
import { missingForSubmission, validateDepositForm, type DepositField, type DepositProblem } from '../../domain/deposit/deposit-form.js';
import { mayOpenDraft, storageRoom, usageOf, type DepositUsage } from '../../domain/deposit/deposit-limits.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { PDF_SIGNATURE, type UploadFailure, type UploadStore } from '../uploads/upload-store.js';
import { openDepositFile, removeDepositFile, type FileResult } from './deposit-files.js';
import { DEPOSIT_PAGE_SIZE, pageOf, withHistories, type DepositLine } from './deposit-pages.js';

/** Where the author stands: the home's summary line. */
export interface DepositSummary {
  total: number;
  drafts: number;
  review: number;
  returned: number;
  published: number;
}

export type SaveResult =
  | { kind: 'saved'; id: number }
  | { kind: 'not-found' }
  | { kind: 'not-for-type' }
  /** Under review or decided: the author cannot change it now. */
  | { kind: 'not-editable'; status: DepositStatus }
  | { kind: 'invalid'; problems: DepositProblem[] };

export type FileCheck = { kind: 'ok' } | { kind: 'not-found' } | { kind: 'not-for-type' } | { kind: 'not-editable'; status: DepositStatus };

export type AttachResult =
  | { kind: 'stored'; size: number; sha256: string; replaced: boolean }
  | Exclude<FileCheck, { kind: 'ok' }>
  | { kind: 'upload-failed'; failure: UploadFailure }
  /** The file would take the patron's deposit files past the MB allowed: nothing was kept. */
  | { kind: 'over-storage'; storageMb: number };

export type CreateResult = { kind: 'created'; id: number } | { kind: 'not-for-type' } | { kind: 'drafts-full'; draftsAllowed: number };

export type SubmitResult =
  | { kind: 'submitted'; title: string }
  | { kind: 'not-found' }
  | { kind: 'not-for-type' }
  | { kind: 'not-editable'; status: DepositStatus }
  /** Something a record must have is missing: every required field, the file, the agreement. */
  | { kind: 'incomplete'; problems: DepositProblem[]; noFile: boolean; noAgreement: boolean };

export type DepositAuthorService = ReturnType<typeof createDepositAuthorService>;

export function createDepositAuthorService(deps: {
  db: Database;
  deposits: DepositRepo;
  history: StatusHistoryRepo;
  uploads: UploadStore;
  clock: Clock;
  logger: Logger;
}) {
  const { db, deposits, history, uploads, clock, logger } = deps;
  const today = () => libraryDateOf(clock.now());
  const removeFile = (name: string) => removeDepositFile(uploads, logger, name);

  /** The patron's own deposit, or undefined (another patron's is not found either). */
  function own(patron: Patron, id: number): DepositView | undefined {
    const deposit = deposits.find(id);
    return deposit && deposit.patronId === patron.id ? deposit : undefined;
  }

  function canWork(patron: Patron, id: number): FileCheck {
    const deposit = own(patron, id);
    if (!deposit) return { kind: 'not-found' };
    if (!deposits.rulesFor(patron.patronType).mayDeposit) return { kind: 'not-for-type' };
    if (!mayAuthorEdit(deposit.status)) return { kind: 'not-editable', status: deposit.status };
    return { kind: 'ok' };
  }

  function usage(patron: Patron): DepositUsage {
    return usageOf(deposits.rulesFor(patron.patronType), deposits.draftCount(patron.id), deposits.storedBytes(patron.id));
  }

  return {
    today,
    rulesOf: (patron: Patron): DepositRules => deposits.rulesFor(patron.patronType),
    /** Drafts open and bytes kept, against the patron type's limits (the list and the form show it). */
    usageOf: usage,

    /** A new, empty draft, for a patron type that may deposit, below its drafts allowed. */
    create(patron: Patron): CreateResult {
      return db.transaction((): CreateResult => {
        if (!deposits.rulesFor(patron.patronType).mayDeposit) return { kind: 'not-for-type' };
        const now = usage(patron);
        if (!mayOpenDraft(now)) return { kind: 'drafts-full', draftsAllowed: now.draftsAllowed };
        const at = clock.now();
        const id = deposits.create(patron.id, at);
        history.record({ subject: 'deposit', subjectId: id, status: 'draft', atMs: at, staffId: null });
        return { kind: 'created', id };
      });
    },

    /** The patron's deposits, newest first, each with its history. */
    listOf(patron: Patron, page: number) {
      const total = deposits.countOfPatron(patron.id);
      const at = pageOf(page, total);
      const list = deposits.ofPatron(patron.id, DEPOSIT_PAGE_SIZE, at.offset);
      return { deposits: withHistories(history, list), total, page: at.page, pages: at.pages, rules: deposits.rulesFor(patron.patronType) };
    },

    /** One of the patron's own deposits with its history, or undefined. */
    ownDeposit(patron: Patron, id: number): DepositLine | undefined {
      const deposit = own(patron, id);
      return deposit ? withHistories(history, [deposit])[0] : undefined;
    },

    summary(patron: Patron): DepositSummary {
      const counts = deposits.statusCountsOf(patron.id);
      const n = (s: DepositStatus) => counts[s] ?? 0;
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      return { total, drafts: n('draft'), review: n('submitted') + n('under_review'), returned: n('returned'), published: n('published') };
    },

    /** Saves the description as typed: all of it, or (with any problem) nothing. */
    save(patron: Patron, id: number, fields: Partial<Record<DepositField, string>>): SaveResult {
      return db.transaction((): SaveResult => {
        const check = canWork(patron, id);
        if (check.kind !== 'ok') return check;
        const deposit = deposits.find(id)!;
        const form = validateDepositForm(fields, today(), deposits.rulesFor(patron.patronType).embargoMaxYears);
        if (!form.ok) return { kind: 'invalid', problems: form.problems };
        deposits.saveMetadata(id, deposit.status, form.metadata, clock.now());
        return { kind: 'saved', id };
      });
    },

    /** Whether the patron may upload a file for this deposit now: asked before a byte of the file is read. */
    fileCheck: (patron: Patron, id: number): FileCheck => canWork(patron, id),

    /**
     * Streams the PDF into the store, then records it on the deposit if it may still change; the
     * file it replaces is deleted after that commit. A file that fails its checks, or arrives for a
     * deposit submitted meanwhile, is removed: a deposit never names a partial or unchecked file.
     */
    async attachFile(patron: Patron, id: number, source: Readable): Promise<AttachResult> {
      const before = canWork(patron, id);
      if (before.kind !== 'ok') return before;
      const was = usage(patron);
      const room = storageRoom(was, deposits.find(id)?.file?.size ?? 0);
      const overStorage = { kind: 'over-storage', storageMb: was.storageMb } as const;
      if (room === 0) return overStorage;
      // Cut off where it would pass the storage allowed: a refused file is never written whole.
      const received = await uploads.receive(source, { signature: PDF_SIGNATURE, maxBytes: room });
      if (!received.ok)
        return received.failure === 'too-large' && room < uploads.maxBytes
          ? overStorage
          : { kind: 'upload-failed', failure: received.failure };
      const stored = received.file;
      let result: AttachResult & { old?: string | undefined };
      try {
        result = db.transaction((): AttachResult & { old?: string | undefined } => {
          const check = canWork(patron, id);
          if (check.kind !== 'ok') return check;
          const deposit = deposits.find(id)!;
          // Checked again where it counts: another upload of the patron's may have been recorded meanwhile.
          if (stored.size > storageRoom(usage(patron), deposit.file?.size ?? 0)) return overStorage;
          deposits.setFile(id, deposit.status, { fileName: stored.name, size: stored.size, sha256: stored.sha256 }, clock.now());
          return { kind: 'stored', size: stored.size, sha256: stored.sha256, replaced: deposit.file !== null, old: deposit.file?.fileName };
        });
      } catch (err) {
        // The database refused the row (disk full, locked too long): the new file goes, the old one stays named.
        await removeFile(stored.name);
        throw err;
      }
      if (result.kind !== 'stored') {
        await removeFile(stored.name);
        return result;
      }
      const { old, ...answer } = result;
      if (old) await removeFile(old);
      return answer;
    },

    /** Submits for review: every required field, the file and the agreement, or nothing changes. */
    submit(patron: Patron, id: number, agreed: boolean): SubmitResult {
      return db.transaction((): SubmitResult => {
        const check = canWork(patron, id);
        if (check.kind !== 'ok') return check;
        const deposit = deposits.find(id)!;
        const problems = missingForSubmission(deposit.metadata);
        const noFile = deposit.file === null;
        if (problems.length > 0 || noFile || !agreed) return { kind: 'incomplete', problems, noFile, noAgreement: !agreed };
        const at = clock.now();
        deposits.setStatus(id, deposit.status, 'submitted', at, { agreedAt: at });
        history.record({ subject: 'deposit', subjectId: id, status: 'submitted', atMs: at, staffId: null });
        return { kind: 'submitted', title: deposit.metadata.title };
      });
    },

    /** The author's own file, whatever its status (an author may check what was sent). */
    ownFile(patron: Patron, id: number): Promise<FileResult> {
      const deposit = own(patron, id);
      return deposit ? openDepositFile(uploads, deposit) : Promise.resolve({ kind: 'not-found' });
    },
  };
}
