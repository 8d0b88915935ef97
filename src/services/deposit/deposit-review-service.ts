/**
 * Repository staff review deposits (docs/rules.md §8): they take one from the queue (claim it),
 * correct its metadata, return it with a reason or publish it, and may withdraw it later. Every step
 * is one IMMEDIATE transaction, made only from the status it was seen in, so two members of staff
 * never both win; each leaves a history step and an audit line, and mails the author once committed.
 */
import type { Database } from '../../db/engine/database.js';
import type { DepositRepo, DepositView, QueueFilter } from '../../db/deposit/deposit-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import {
  DECISION_STEP,
  decisionsFor,
  embargoOver,
  mayStaffEdit,
  REASON_MAX_LENGTH,
  type DepositMetadata,
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
import type { Clock } from '../../lib/clock.js';
import type { UploadStore } from '../uploads/upload-store.js';
import { depositName, type DepositActor, type DepositNotes } from './deposit-notes.js';
import { openDepositFile, type FileResult } from './deposit-files.js';
import { DEPOSIT_PAGE_SIZE, pageOf, withHistories } from './deposit-pages.js';

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

export type DepositReviewService = ReturnType<typeof createDepositReviewService>;

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

/** The reviewer may act on a deposit under review; an administrator too. */
const actsOn = (actor: DepositActor, d: DepositView) => d.reviewerId === actor.staffId || actor.isAdmin;

export function createDepositReviewService(deps: {
  db: Database;
  deposits: DepositRepo;
  history: StatusHistoryRepo;
  notes: DepositNotes;
  uploads: UploadStore;
  clock: Clock;
}) {
  const { db, deposits, history, notes, uploads, clock } = deps;
  const today = () => libraryDateOf(clock.now());

  return {
    /** A queue: the longest waiting first, each deposit with its history. */
    queue(filter: QueueFilter, page: number) {
      const total = deposits.queueCount(filter);
      const at = pageOf(page, total);
      return {
        deposits: withHistories(history, deposits.queue(filter, DEPOSIT_PAGE_SIZE, at.offset)),
        total,
        page: at.page,
        pages: at.pages,
      };
    },

    /** One deposit as staff see it: any status, with its history and what they may do now. */
    forStaff(actor: DepositActor, id: number) {
      const deposit = deposits.find(id);
      if (!deposit) return undefined;
      const mine = deposit.status === 'under_review' && actsOn(actor, deposit);
      return {
        ...withHistories(history, [deposit])[0]!,
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
      return deposit ? openDepositFile(uploads, deposit) : Promise.resolve({ kind: 'not-found' });
    },
  };
}
