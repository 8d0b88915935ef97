/** The words of the research archive pages, by code: fields, choices, problems, statuses, history steps. */
import type { HistoryEntry } from '../../domain/shared/status-history.js';
import type { DepositField, DepositProblem, DepositProblemCode } from '../../domain/deposit/deposit-form.js';
import {
  isDepositStatus,
  type DepositLicence,
  type DepositStatus,
  type DepositType,
  type DepositVersion,
} from '../../domain/deposit/deposit.js';
import type { Localizer, MessageKey } from '../../messages/index.js';
import { DEPOSIT_STATUS_TEXT } from '../../services/deposit/deposit-notes.js';
import type { UploadFailure } from '../../services/uploads/upload-store.js';
import { pageLinks } from '../http/page-links.js';

type Words = Pick<Localizer, 't' | 'formatDate' | 'formatDateTime'>;

export const DEPOSIT_FIELD_LABEL: Record<DepositField | 'agreement' | 'file' | 'reason' | 'decision', MessageKey> = {
  title: 'deposit.field.title',
  authors: 'deposit.field.authors',
  type: 'deposit.field.type',
  year: 'deposit.field.year',
  venue: 'deposit.field.venue',
  doi: 'deposit.field.doi',
  abstract: 'deposit.field.abstract',
  keywords: 'deposit.field.keywords',
  version: 'deposit.field.version',
  licence: 'deposit.field.licence',
  embargo_until: 'deposit.field.embargo_until',
  agreement: 'deposit.field.agreement',
  file: 'deposit.field.file',
  reason: 'staffDeposit.reason',
  decision: 'staffDeposit.decision',
};

export const TYPE_TEXT: Record<DepositType, MessageKey> = {
  article: 'deposit.type.article',
  conference: 'deposit.type.conference',
  thesis: 'deposit.type.thesis',
  chapter: 'deposit.type.chapter',
  other: 'deposit.type.other',
};
export const VERSION_TEXT: Record<DepositVersion, MessageKey> = {
  accepted: 'deposit.version.accepted',
  published: 'deposit.version.published',
};
export const LICENCE_TEXT: Record<DepositLicence, MessageKey> = {
  'cc-by': 'deposit.licence.cc-by',
  'cc-by-nc': 'deposit.licence.cc-by-nc',
  arr: 'deposit.licence.arr',
};

const PROBLEM_TEXT: Record<DepositProblemCode, MessageKey> = {
  REQUIRED: 'deposit.problem.REQUIRED',
  TOO_LONG: 'deposit.problem.TOO_LONG',
  CHOICE_UNKNOWN: 'deposit.problem.CHOICE_UNKNOWN',
  YEAR_MALFORMED: 'deposit.problem.YEAR_MALFORMED',
  YEAR_IN_FUTURE: 'deposit.problem.YEAR_IN_FUTURE',
  DOI_INVALID: 'deposit.problem.DOI_INVALID',
  DATE_MALFORMED: 'deposit.problem.DATE_MALFORMED',
  EMBARGO_NOT_FUTURE: 'deposit.problem.EMBARGO_NOT_FUTURE',
  EMBARGO_TOO_FAR: 'deposit.problem.EMBARGO_TOO_FAR',
  AUTHOR_NAME_MISSING: 'deposit.problem.AUTHOR_NAME_MISSING',
  AUTHOR_NAME_TOO_LONG: 'deposit.problem.AUTHOR_NAME_TOO_LONG',
  ORCID_INVALID: 'deposit.problem.ORCID_INVALID',
  TOO_MANY_AUTHORS: 'deposit.problem.TOO_MANY_AUTHORS',
};

/** Answers of a refused upload: the page status and its words. */
export const UPLOAD_FAILURE: Record<UploadFailure, { status: number; key: MessageKey }> = {
  'too-large': { status: 413, key: 'upload.tooLarge' },
  'wrong-kind': { status: 422, key: 'upload.wrongKind' },
  empty: { status: 422, key: 'upload.empty' },
  interrupted: { status: 400, key: 'upload.interrupted' },
};

/** Every problem in words, beside its field. */
export function problemErrors(problems: readonly DepositProblem[], l: Words): Partial<Record<DepositField, string[]>> {
  const errors: Partial<Record<DepositField, string[]>> = {};
  for (const p of problems) {
    const message = l.t(PROBLEM_TEXT[p.code], {
      field: l.t(DEPOSIT_FIELD_LABEL[p.field]),
      max: p.max ?? 0,
      line: p.line ?? 0,
      value: p.value ?? '',
      latest: p.latest ? l.formatDate(p.latest) : '',
    });
    (errors[p.field] ??= []).push(message);
  }
  return errors;
}

/** The statuses as staff read them: of the author, not "you". */
const STAFF_STATUS_TEXT: Record<DepositStatus, MessageKey> = {
  draft: 'staffDeposit.status.draft',
  submitted: 'staffDeposit.status.submitted',
  under_review: 'staffDeposit.status.under_review',
  returned: 'staffDeposit.status.returned',
  published: 'staffDeposit.status.published',
  withdrawn: 'staffDeposit.status.withdrawn',
};

export type Reader = 'author' | 'staff';

export function statusText(status: string, t: Localizer['t'], reader: Reader = 'author'): string {
  if (!isDepositStatus(status)) return status;
  return t((reader === 'staff' ? STAFF_STATUS_TEXT : DEPOSIT_STATUS_TEXT)[status]);
}

/** The fields a staff edit changed (stored as their codes, "title, year"), by their labels in the reader's language. */
function fieldNames(codes: string, l: Words): string {
  const labels = DEPOSIT_FIELD_LABEL as Record<string, MessageKey>;
  return codes
    .split(', ')
    .map((code) => (Object.hasOwn(labels, code) ? l.t(labels[code]!) : code))
    .join(l.t('deposit.history.fieldSeparator'));
}

/** Each step of a history in words: when, what it became, who (for staff), and the reason or what was edited. */
export function historyLines(history: readonly HistoryEntry[], l: Words, reader: Reader = 'author') {
  return history.map((step) => ({
    atMs: step.atMs,
    when: l.formatDateTime(step.atMs),
    status: step.reason === 'edited' ? l.t('deposit.history.edited') : statusText(step.status, l.t, reader),
    by: reader === 'staff' && step.staffUsername ? step.staffUsername : null,
    note:
      step.note === null
        ? null
        : step.reason === 'edited'
          ? l.t('deposit.history.editedFields', { fields: fieldNames(step.note, l) })
          : l.t('deposit.history.reason', { status: step.status, note: step.note }),
  }));
}

/** The latest reason staff gave for returning the deposit (shown above the form), if it is returned. */
export function returnReason(status: DepositStatus, history: readonly HistoryEntry[]): string | null {
  if (status !== 'returned') return null;
  return history.filter((h) => h.status === 'returned').at(-1)?.note ?? null;
}

/** The numbered page links, Previous and Next, for a list paged by `href`. */
export function pager(page: number, pages: number, href: (page: number) => string) {
  return {
    pageLinks: pageLinks(page, pages).map((link) => (link.kind === 'page' ? { ...link, href: href(link.page) } : link)),
    previousHref: page > 1 ? href(page - 1) : undefined,
    nextHref: page < pages ? href(page + 1) : undefined,
  };
}
