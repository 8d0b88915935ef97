/** A recommendation and its history in words, for the patron's list and the staff queue. */
import type { Recommendation } from '../../domain/recommendation/recommendation.js';
import type { HistoryEntry } from '../../domain/shared/status-history.js';
import { isRejectReason, STATUSES, type RecommendationStatus } from '../../domain/recommendation/recommendation-status.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import type { Localizer } from '../../messages/index.js';
import { REC_FORMAT, REC_REASON, REC_REJECT_REASON, REC_STATUS } from '../../messages/recommendation-words.js';

type Words = Pick<Localizer, 't' | 'formatDate' | 'formatDateTime'>;

export function describeRecommendation(r: Recommendation, l: Words) {
  return {
    id: r.id,
    title: r.title,
    author: r.author,
    isbn: r.isbn13,
    publisher: r.publisher,
    // The year as text: a number would be written with a thousands separator.
    year: r.year === null ? '' : String(r.year),
    status: r.status,
    statusText: l.t(REC_STATUS[r.status]),
    formatText: l.t(REC_FORMAT[r.format]),
    reasonText: l.t(REC_REASON[r.reason]),
    note: r.note,
    createdText: l.formatDate(libraryDateOf(r.createdAt)),
    createdIso: new Date(r.createdAt).toISOString(),
    supportersText: l.t('rec.supporters', { count: r.supporterCount }),
    recordId: r.recordId,
  };
}

/** Every step, oldest first; staff also see who made it (the patron sees "the library"). */
export function describeHistory(entries: HistoryEntry[], l: Words, forStaff: boolean) {
  return entries.map((entry) => {
    const status = (STATUSES as readonly string[]).includes(entry.status) ? (entry.status as RecommendationStatus) : undefined;
    return {
      statusText: status ? l.t(REC_STATUS[status]) : entry.status,
      atText: l.formatDateTime(entry.atMs),
      atIso: new Date(entry.atMs).toISOString(),
      reasonText: entry.reason && isRejectReason(entry.reason) ? l.t(REC_REJECT_REASON[entry.reason]) : '',
      note: entry.note ?? '',
      by: forStaff ? (entry.staffUsername ?? l.t('staffRec.byPatron')) : entry.staffUsername === null ? '' : l.t('rec.history.byLibrary'),
    };
  });
}
