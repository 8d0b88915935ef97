/**
 * An interlibrary loan request (docs/rules.md, "Interlibrary loan"): a book to borrow from
 * another library, or a copy of an article or chapter. The limits of each patron type live in the
 * table ill_limits, never here.
 */
import type { LibraryDate } from '../shared/library-date.js';
import type { PatronType } from '../patrons/patron.js';

export const ILL_KINDS = ['book', 'article'] as const;
export type IllKind = (typeof ILL_KINDS)[number];

export function isIllKind(value: unknown): value is IllKind {
  return typeof value === 'string' && (ILL_KINDS as readonly string[]).includes(value);
}

export const ILL_STATUSES = ['submitted', 'sent', 'received', 'on_loan', 'returned', 'delivered', 'unfilled', 'cancelled'] as const;
export type IllStatus = (typeof ILL_STATUSES)[number];

/** Open: counted against the quota (submitted, sent, or received and not yet returned). */
export const OPEN_STATUSES: readonly IllStatus[] = ['submitted', 'sent', 'received', 'on_loan'];

export function isOpenStatus(status: IllStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function isIllStatus(value: unknown): value is IllStatus {
  return typeof value === 'string' && (ILL_STATUSES as readonly string[]).includes(value);
}

/** What a patron type may ask for, from the table ill_limits. */
export interface IllLimits {
  patronType: PatronType;
  booksAllowed: boolean;
  copiesAllowed: boolean;
  /** Requests open at any one time. */
  openAllowed: number;
  /** A delivered copy: downloads allowed, within this many days of delivery. */
  copyDownloads: number;
  copyDays: number;
}

/** What the patron asked for, as checked (ill-form.ts): empty optional text is ''. */
export interface IllDetails {
  kind: IllKind;
  /** The book's title, or the journal or book the article or chapter is in. */
  title: string;
  /** The article or chapter (article only; null for a book). */
  articleTitle: string | null;
  author: string;
  publisher: string;
  edition: string;
  /** ISBN-13, or null. */
  isbn: string | null;
  volume: string;
  issue: string;
  pages: string;
  /** An ISSN (1234-567X) or a DOI (10.1000/xyz), or null. */
  issnDoi: string | null;
  year: number | null;
  notNeededAfter: LibraryDate | null;
  note: string;
}

/** The delivered copy of an article request, as kept. */
export interface DeliveredCopy {
  fileName: string | null;
  size: number;
  sha256: string;
  deliveredAt: number;
  downloads: number;
  fileDeletedAt: number | null;
}
