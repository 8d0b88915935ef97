/**
 * A research archive deposit (docs/rules.md, "Institutional research archive"): its
 * metadata, its statuses and who may move it where.
 *   draft → submitted (the author, agreement ticked) → under_review (a member of staff claims it)
 *   → published, or returned (reason required) → submitted again…; published → withdrawn (reason).
 * The author edits only a draft or a returned deposit; staff edit the metadata only while it is
 * under review. A withdrawn deposit keeps a public page that says so (a tombstone), without its file.
 */
import type { LibraryDate } from '../shared/library-date.js';

export const DEPOSIT_TYPES = ['article', 'conference', 'thesis', 'chapter', 'other'] as const;
export type DepositType = (typeof DEPOSIT_TYPES)[number];
export const DEPOSIT_VERSIONS = ['accepted', 'published'] as const;
export type DepositVersion = (typeof DEPOSIT_VERSIONS)[number];
export const DEPOSIT_LICENCES = ['cc-by', 'cc-by-nc', 'arr'] as const;
export type DepositLicence = (typeof DEPOSIT_LICENCES)[number];
export const DEPOSIT_STATUSES = ['draft', 'submitted', 'under_review', 'returned', 'published', 'withdrawn'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

export const isDepositStatus = (value: unknown): value is DepositStatus => (DEPOSIT_STATUSES as readonly unknown[]).includes(value);

export interface DepositAuthor {
  name: string;
  /** Bare, 0000-0002-1825-0097; or null. */
  orcid: string | null;
}

/** What describes a deposit. A draft may leave any of it empty; submission needs the required parts. */
export interface DepositMetadata {
  title: string;
  authors: DepositAuthor[];
  type: DepositType | null;
  year: number | null;
  venue: string;
  doi: string | null;
  abstract: string;
  keywords: string;
  version: DepositVersion | null;
  licence: DepositLicence | null;
  /** The first day the file is open to all, or null for no embargo. */
  embargoUntil: LibraryDate | null;
}

export const EMPTY_METADATA: DepositMetadata = {
  title: '',
  authors: [],
  type: null,
  year: null,
  venue: '',
  doi: null,
  abstract: '',
  keywords: '',
  version: null,
  licence: null,
  embargoUntil: null,
};

/**
 * Who may deposit, how far ahead an embargo may end, how many drafts may be open at once and how many
 * MB of deposit files a patron may keep (deposit_rules, per patron type).
 */
export interface DepositRules {
  mayDeposit: boolean;
  embargoMaxYears: number;
  draftsAllowed: number;
  storageMb: number;
}

/** The stored PDF. */
export interface DepositFile {
  fileName: string;
  size: number;
  sha256: string;
  at: number;
}

/** Statuses in which the author may change the deposit (and upload its file). */
export const mayAuthorEdit = (status: DepositStatus): boolean => status === 'draft' || status === 'returned';
/** Staff may correct the metadata while it is under review (the history records each edit). */
export const mayStaffEdit = (status: DepositStatus): boolean => status === 'under_review';
/** Where the public can see it: published, or withdrawn (the page says so, without the file). */
export const hasPublicPage = (status: DepositStatus): boolean => status === 'published' || status === 'withdrawn';
/** The patron's "under review": sent, whether or not a member of staff has claimed it yet. */
export const awaitsReview = (status: DepositStatus): boolean => status === 'submitted' || status === 'under_review';

/** Whether the file is open to all today: no embargo, or its end day has come. */
export function embargoOver(embargoUntil: LibraryDate | null, today: LibraryDate): boolean {
  return embargoUntil === null || today >= embargoUntil;
}

export const STAFF_DECISIONS = ['publish', 'return', 'withdraw'] as const;
export type StaffDecision = (typeof STAFF_DECISIONS)[number];
export const isStaffDecision = (value: unknown): value is StaffDecision => (STAFF_DECISIONS as readonly unknown[]).includes(value);

/** The status each decision moves a deposit to, and the one it must be in. */
export const DECISION_STEP: Record<StaffDecision, { from: DepositStatus; to: DepositStatus; reasonRequired: boolean }> = {
  publish: { from: 'under_review', to: 'published', reasonRequired: false },
  return: { from: 'under_review', to: 'returned', reasonRequired: true },
  withdraw: { from: 'published', to: 'withdrawn', reasonRequired: true },
};

/** The decisions staff may take on a deposit in this status. */
export function decisionsFor(status: DepositStatus): StaffDecision[] {
  return STAFF_DECISIONS.filter((d) => DECISION_STEP[d].from === status);
}

export const REASON_MAX_LENGTH = 2000;
