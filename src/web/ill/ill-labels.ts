/** The words of the interlibrary loan pages, by code: fields, problems, copies, history steps. */
import type { HistoryEntry } from '../../domain/shared/status-history.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import type { CopyState } from '../../domain/ill/copy-download.js';
import type { IllField, IllProblemCode } from '../../domain/ill/ill-form.js';
import { isIllStatus, type IllStatus } from '../../domain/ill/ill-request.js';
import type { Localizer, MessageKey } from '../../messages/index.js';
import { ILL_STATUS_TEXT } from '../../services/ill/ill-change-notes.js';

type Words = Pick<Localizer, 't' | 'formatDate' | 'formatDateTime'>;

export const ILL_FIELD_LABEL: Record<IllField | 'confirm_on_loan', MessageKey> = {
  title: 'ill.field.title',
  source_title: 'ill.field.source_title',
  article_title: 'ill.field.article_title',
  author: 'ill.field.author',
  publisher: 'ill.field.publisher',
  year: 'ill.field.year',
  edition: 'ill.field.edition',
  isbn: 'cat.isbn',
  volume: 'ill.field.volume',
  issue: 'ill.field.issue',
  pages: 'ill.field.pages',
  issn_doi: 'ill.field.issn_doi',
  not_needed_after: 'ill.field.not_needed_after',
  note: 'ill.field.note',
  copyright_declaration: 'ill.field.copyright_declaration',
  confirm_on_loan: 'ill.confirmOnLoan',
};

export const ILL_PROBLEM: Record<IllProblemCode, MessageKey> = {
  REQUIRED: 'ill.problem.REQUIRED',
  TOO_LONG: 'ill.problem.TOO_LONG',
  YEAR_MALFORMED: 'ill.problem.YEAR_MALFORMED',
  YEAR_IN_FUTURE: 'ill.problem.YEAR_IN_FUTURE',
  DATE_MALFORMED: 'ill.problem.DATE_MALFORMED',
  DATE_NOT_FUTURE: 'ill.problem.DATE_NOT_FUTURE',
  ISBN_INVALID: 'ill.problem.ISBN_INVALID',
  ISSN_DOI_INVALID: 'ill.problem.ISSN_DOI_INVALID',
  PAGES_MALFORMED: 'ill.problem.PAGES_MALFORMED',
  DECLARATION_REQUIRED: 'ill.problem.DECLARATION_REQUIRED',
};

/** The statuses as staff read them: of the patron, not "you". */
const STAFF_STATUS_TEXT: Record<IllStatus, MessageKey> = {
  submitted: 'staffIll.status.submitted',
  sent: 'staffIll.status.sent',
  received: 'staffIll.status.received',
  on_loan: 'staffIll.status.on_loan',
  returned: 'staffIll.status.returned',
  delivered: 'staffIll.status.delivered',
  unfilled: 'staffIll.status.unfilled',
  cancelled: 'staffIll.status.cancelled',
};

export type Reader = 'patron' | 'staff';

export function statusText(status: string, t: Localizer['t'], reader: Reader = 'patron'): string {
  if (!isIllStatus(status)) return status;
  return t((reader === 'staff' ? STAFF_STATUS_TEXT : ILL_STATUS_TEXT)[status]);
}

/** Each step of a history in words: when, what it became, and what staff wrote with it. */
export function historyLines(
  history: HistoryEntry[],
  l: Words,
  reader: Reader = 'patron',
): Array<{ atMs: number; when: string; status: string; note: string | null }> {
  return history.map((step) => ({
    atMs: step.atMs,
    when: l.formatDateTime(step.atMs),
    status: statusText(step.status, l.t, reader),
    note: step.note === null ? null : l.t('ill.historyNote', { status: step.status, note: step.note }),
  }));
}

/** A delivered copy as its patron reads it: how often and until when, or that the file is gone. */
export function copyText(state: CopyState, l: Words): string {
  if (state.kind === 'available') return l.t('ill.copy.available', { left: state.left, until: l.formatDateTime(state.untilMs) });
  if (state.kind === 'used-up') return l.t('ill.copy.usedUp', { downloads: state.downloads });
  return l.t('ill.copy.expired', { until: l.formatDate(libraryDateOf(state.untilMs)) });
}

/** The bibliographic details of a request, one short phrase each (empty ones left out). */
export function detailLines(
  r: {
    author: string;
    publisher: string;
    edition: string;
    isbn: string | null;
    volume: string;
    issue: string;
    pages: string;
    issnDoi: string | null;
    year: number | null;
  },
  t: Localizer['t'],
): string[] {
  return [
    r.author && t('ill.details.author', { author: r.author }),
    r.publisher && t('ill.details.publisher', { publisher: r.publisher }),
    r.edition && t('ill.details.edition', { edition: r.edition }),
    r.year !== null && t('ill.details.year', { year: String(r.year) }),
    r.volume && t('ill.details.volume', { volume: r.volume }),
    r.issue && t('ill.details.issue', { issue: r.issue }),
    r.pages && t('ill.details.pages', { pages: r.pages }),
    r.isbn && t('ill.details.isbn', { isbn: r.isbn }),
    r.issnDoi && t('ill.details.issnDoi', { issnDoi: r.issnDoi }),
  ].filter((line): line is string => typeof line === 'string' && line !== '');
}
