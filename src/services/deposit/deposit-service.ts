/**
 * Institutional Research Archive Online Submission (docs/rules.md §8): a researcher describes a
 * paper or thesis, uploads its PDF, accepts the deposit agreement and submits it; repository staff
 * claim it, correct the metadata, return it with a reason or publish it, and may withdraw it later.
 * Every change is one IMMEDIATE transaction, made only from the status it was seen in, so two
 * submits, or two members of staff, never both win.
 *
 * Files: the PDF is streamed to the upload store (random name, `.part` then renamed, SHA-256 and
 * the `%PDF-` check on the way) before the row is touched; only a complete, checked file is ever
 * recorded, and a file the row no longer names (replaced) is deleted only after the new one is
 * committed. What a stopped server leaves between those two steps is swept by housekeeping
 * (upload-store.ts, sweepOrphans).
 *
 * Limits (domain/deposit/deposit-limits.ts): drafts open at once and MB of files kept, per patron
 * type, each checked in the transaction that would pass it, so requests at once cannot both slip
 * under; an upload is cut off where it would pass the storage. Drafts untouched for `draftDays` are
 * deleted with their files by housekeeping, 14 days after a mail to their author.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Database } from '../../db/engine/database.js';
import type { DepositRepo, DepositView, QueueFilter } from '../../db/deposit/deposit-repo.js';
import type { HistoryEntry, StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { libraryDateOf } from '../../domain/circulation/library-date.js';
import {
  DECISION_STEP,
  decisionsFor,
  embargoOver,
  mayAuthorEdit,
  mayStaffEdit,
  REASON_MAX_LENGTH,
  type DepositMetadata,
  type DepositRules,
  type DepositStatus,
  type StaffDecision,
} from '../../domain/deposit/deposit.js';
import {
  DEPOSIT_FIELDS,
  missingForSubmission,
  validateDepositForm,
  type DepositField,
  type DepositProblem,
} from '../../domain/deposit/deposit-form.js';
import {
  deleteUntouchedSince,
  deletionAt,
  mayOpenDraft,
  storageRoom,
  usageOf,
  warnedLongEnoughBy,
  warnUntouchedSince,
  type DepositUsage,
} from '../../domain/deposit/deposit-limits.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { PDF_SIGNATURE, type UploadFailure, type UploadStore } from '../uploads/upload-store.js';
import { depositName, type DepositActor, type DepositNotes } from './deposit-notes.js';

/** Deposits on one page of the author's list, the staff queue and the public list. */
export const DEPOSIT_PAGE_SIZE = 20;

export interface DepositLine extends DepositView {
  history: HistoryEntry[];
  editable: boolean;
}

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

export type ClaimResult =
  { kind: 'claimed'; title: string } | { kind: 'not-found' } | { kind: 'taken'; title: string; status: DepositStatus; by: string | null };

export type StaffProblem = 'REASON_REQUIRED' | 'REASON_TOO_LONG';

export type DecisionResult =
  | { kind: 'decided'; title: string; status: DepositStatus }
  | { kind: 'not-found' }
  | { kind: 'invalid'; problem: StaffProblem }
  /** Not in the status the decision needs (decided already, not claimed), or claimed by someone else. */
  | { kind: 'not-now'; title: string; status: DepositStatus; by: string | null };

export type StaffEditResult =
  | { kind: 'edited'; title: string; fields: DepositField[] }
  | { kind: 'not-found' }
  | { kind: 'not-now'; title: string; status: DepositStatus; by: string | null }
  | { kind: 'invalid'; problems: DepositProblem[] };

export type PublicPage =
  | { kind: 'published'; deposit: DepositView; fileOpen: boolean }
  | { kind: 'withdrawn'; deposit: DepositView; withdrawnAt: number; reason: string | null }
  | { kind: 'not-found' };

export type FileResult =
  | { kind: 'file'; handle: FileHandle; size: number; id: number }
  | { kind: 'not-found' }
  | { kind: 'embargoed'; until: string }
  | { kind: 'withdrawn' };

export type DepositService = ReturnType<typeof createDepositService>;

/** The fields whose values differ between two descriptions (what a staff edit changed). */
function changedFields(before: DepositMetadata, after: DepositMetadata): DepositField[] {
  const value: Record<DepositField, (m: DepositMetadata) => unknown> = {
    title: (m) => m.title,
    authors: (m) => JSON.stringify(m.authors),
    type: (m) => m.type,
    year: (m) => m.year,
    venue: (m) => m.venue,
    doi: (m) => m.doi,
    abstract: (m) => m.abstract,
    keywords: (m) => m.keywords,
    version: (m) => m.version,
    licence: (m) => m.licence,
    embargo_until: (m) => m.embargoUntil,
  };
  return DEPOSIT_FIELDS.filter((field) => value[field](before) !== value[field](after));
}

export function createDepositService(deps: {
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
  const { db, deposits, history, notes, uploads, clock, logger, draftDays } = deps;
  const today = () => libraryDateOf(clock.now());
  const pages = (total: number) => Math.max(1, Math.ceil(total / DEPOSIT_PAGE_SIZE));
  const pageOf = (page: number, total: number) => Math.min(Math.max(page, 1), pages(total));

  function withHistories(list: DepositView[]): DepositLine[] {
    const histories = history.ofMany(
      'deposit',
      list.map((d) => d.id),
    );
    return list.map((d) => ({ ...d, history: histories.get(d.id) ?? [], editable: mayAuthorEdit(d.status) }));
  }

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

  /** Deletes a file no row names any more; a failure is logged (the orphan sweep tries again). */
  async function removeFile(name: string): Promise<void> {
    await uploads.remove(name).catch((err: unknown) => logger.error(`the deposit file ${name} could not be deleted`, err));
  }

  function usage(patron: Patron): DepositUsage {
    return usageOf(deposits.rulesFor(patron.patronType), deposits.draftCount(patron.id), deposits.storedBytes(patron.id));
  }

  /** The reviewer may act on a deposit under review; an administrator too. */
  const actsOn = (actor: DepositActor, d: DepositView) => d.reviewerId === actor.staffId || actor.isAdmin;

  function open(deposit: DepositView): Promise<FileResult> {
    const file = deposit.file;
    if (!file) return Promise.resolve({ kind: 'not-found' });
    return uploads.openHandle(file.fileName).then(
      async (handle) => ({ kind: 'file', handle, size: (await handle.stat()).size, id: deposit.id }),
      () => ({ kind: 'not-found' }),
    );
  }

  return {
    today,
    rulesOf: (patron: Patron): DepositRules => deposits.rulesFor(patron.patronType),
    /** Drafts open and bytes kept, against the patron type's limits (the list and the form show it). */
    usageOf: usage,

    // ——— The author ———

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
      const current = pageOf(page, total);
      return {
        deposits: withHistories(deposits.ofPatron(patron.id, DEPOSIT_PAGE_SIZE, (current - 1) * DEPOSIT_PAGE_SIZE)),
        total,
        page: current,
        pages: pages(total),
        rules: deposits.rulesFor(patron.patronType),
      };
    },

    /** One of the patron's own deposits with its history, or undefined. */
    ownDeposit(patron: Patron, id: number): DepositLine | undefined {
      const deposit = own(patron, id);
      return deposit ? withHistories([deposit])[0] : undefined;
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
          return {
            kind: 'stored' as const,
            size: stored.size,
            sha256: stored.sha256,
            replaced: deposit.file !== null,
            old: deposit.file?.fileName,
          };
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
      return deposit ? open(deposit) : Promise.resolve({ kind: 'not-found' });
    },

    // ——— Repository staff ———

    /** A queue: the longest waiting first, each deposit with its history. */
    queue(filter: QueueFilter, page: number) {
      const total = deposits.queueCount(filter);
      const current = pageOf(page, total);
      return {
        deposits: withHistories(deposits.queue(filter, DEPOSIT_PAGE_SIZE, (current - 1) * DEPOSIT_PAGE_SIZE)),
        total,
        page: current,
        pages: pages(total),
      };
    },

    /** One deposit as staff see it: any status, with its history and what they may do now. */
    forStaff(actor: DepositActor, id: number) {
      const deposit = deposits.find(id);
      if (!deposit) return undefined;
      const mine = deposit.status === 'under_review' && actsOn(actor, deposit);
      return {
        ...withHistories([deposit])[0]!,
        embargoMaxYears: deposits.rulesFor(deposit.patronType).embargoMaxYears,
        mayClaim: deposit.status === 'submitted',
        mayEdit: mine && mayStaffEdit(deposit.status),
        decisions: decisionsFor(deposit.status).filter((d) => d === 'withdraw' || mine),
      };
    },

    /** Claims a submitted deposit: one conditional UPDATE, so of two at once exactly one wins. */
    claim(actor: DepositActor, id: number): ClaimResult {
      let mailAfter: (() => void) | undefined;
      const result = db.transaction((): ClaimResult => {
        const deposit = deposits.find(id);
        if (!deposit) return { kind: 'not-found' };
        const at = clock.now();
        if (!deposits.claim(id, actor.staffId, at))
          return { kind: 'taken', title: depositName(deposit), status: deposit.status, by: deposit.reviewerUsername };
        notes.record(
          deposit,
          { status: 'under_review', at, actor },
          'deposit.status-changed',
          `${id} "${depositName(deposit)}": under_review`,
        );
        mailAfter = () => notes.mail(deposit, { status: 'under_review', reason: null });
        return { kind: 'claimed', title: depositName(deposit) };
      });
      mailAfter?.();
      return result;
    },

    /** Staff correct the metadata while the deposit is under review with them; the history says what changed. */
    editByStaff(actor: DepositActor, id: number, fields: Partial<Record<DepositField, string>>): StaffEditResult {
      return db.transaction((): StaffEditResult => {
        const deposit = deposits.find(id);
        if (!deposit) return { kind: 'not-found' };
        if (!mayStaffEdit(deposit.status) || !actsOn(actor, deposit))
          return { kind: 'not-now', title: depositName(deposit), status: deposit.status, by: deposit.reviewerUsername };
        const form = validateDepositForm(fields, today(), deposits.rulesFor(deposit.patronType).embargoMaxYears);
        if (!form.ok) return { kind: 'invalid', problems: form.problems };
        // Staff may correct but not empty what submission required.
        const missing = missingForSubmission(form.metadata);
        if (missing.length > 0) return { kind: 'invalid', problems: missing };
        const changed = changedFields(deposit.metadata, form.metadata);
        if (changed.length === 0) return { kind: 'edited', title: depositName(deposit), fields: [] };
        const at = clock.now();
        deposits.saveMetadata(id, deposit.status, form.metadata, at);
        notes.record(
          deposit,
          { status: deposit.status, at, actor, reason: 'edited', note: changed.join(', ') },
          'deposit.edited',
          `${id} "${depositName(deposit)}": ${changed.join(', ')}`,
        );
        return { kind: 'edited', title: form.metadata.title, fields: changed };
      });
    },

    /** Publish or return (the reviewer), withdraw (any repository staff): the reason where one is required. */
    decide(actor: DepositActor, id: number, decision: StaffDecision, rawReason: string): DecisionResult {
      let mailAfter: (() => void) | undefined;
      const result = db.transaction((): DecisionResult => {
        const deposit = deposits.find(id);
        if (!deposit) return { kind: 'not-found' };
        const step = DECISION_STEP[decision];
        const title = depositName(deposit);
        if (deposit.status !== step.from || (decision !== 'withdraw' && !actsOn(actor, deposit)))
          return { kind: 'not-now', title, status: deposit.status, by: deposit.reviewerUsername };
        const reason = rawReason.trim();
        if (reason.length > REASON_MAX_LENGTH) return { kind: 'invalid', problem: 'REASON_TOO_LONG' };
        if (step.reasonRequired && reason === '') return { kind: 'invalid', problem: 'REASON_REQUIRED' };
        const at = clock.now();
        if (!deposits.setStatus(id, step.from, step.to, at, decision === 'publish' ? { publishedAt: at } : {}))
          return { kind: 'not-now', title, status: deposit.status, by: deposit.reviewerUsername };
        notes.record(
          deposit,
          { status: step.to, at, actor, note: reason || null },
          'deposit.status-changed',
          `${id} "${title}": ${step.to}${reason ? `, reason ${reason}` : ''}`,
        );
        const embargoActive = !embargoOver(deposit.metadata.embargoUntil, today());
        mailAfter = () => notes.mail(deposit, { status: step.to, reason: reason || null, embargoActive });
        return { kind: 'decided', title, status: step.to };
      });
      mailAfter?.();
      return result;
    },

    /** The file for staff to read while reviewing (any status). */
    staffFile(id: number): Promise<FileResult> {
      const deposit = deposits.find(id);
      return deposit ? open(deposit) : Promise.resolve({ kind: 'not-found' });
    },

    // ——— The public ———

    publicList(page: number) {
      const total = deposits.publishedCount();
      const current = pageOf(page, total);
      return {
        deposits: deposits.published(DEPOSIT_PAGE_SIZE, (current - 1) * DEPOSIT_PAGE_SIZE),
        total,
        page: current,
        pages: pages(total),
        today: today(),
      };
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
      return open(deposit);
    },

    // ——— Housekeeping ———

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
      for (const name of files) await removeFile(name);
      if (counts.deleted > 0) logger.info(`${counts.deleted} deposit drafts untouched for ${draftDays} days were deleted`);
      return counts;
    },
  };
}
