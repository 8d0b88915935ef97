/**
 * The Book Recommendation form (docs/rules.md §8): what a patron typed, checked all at once, so that
 * the page shows every problem beside its field. Settings: the lengths below.
 */
import { parseIsbn } from '../shared/isbn.js';

export const TITLE_MAX = 300;
export const AUTHOR_MAX = 200;
export const PUBLISHER_MAX = 200;
export const NOTE_MAX = 1000;

export const FORMATS = ['print', 'ebook', 'either'] as const;
export type RecommendationFormat = (typeof FORMATS)[number];
export const REASONS = ['course', 'research', 'general', 'other'] as const;
export type RecommendationReason = (typeof REASONS)[number];

/** The fields as posted (each a string, '' when missing). */
export interface RecommendationFields {
  title: string;
  author: string;
  isbn: string;
  publisher: string;
  year: string;
  format: string;
  reason: string;
  note: string;
  request_when_available: string;
  pickup: string;
}

export type FormField = keyof RecommendationFields;

export type FormProblemCode =
  | 'TITLE_REQUIRED'
  | 'TITLE_TOO_LONG'
  | 'AUTHOR_TOO_LONG'
  | 'ISBN_INVALID'
  | 'PUBLISHER_TOO_LONG'
  | 'YEAR_INVALID'
  | 'YEAR_IN_FUTURE'
  | 'FORMAT_REQUIRED'
  | 'REASON_REQUIRED'
  | 'NOTE_TOO_LONG'
  | 'NOTE_REQUIRED_FOR_OTHER'
  | 'PICKUP_REQUIRED';

export interface FormProblem {
  field: FormField;
  code: FormProblemCode;
  /** The limit the message names (a length, the current year). */
  max?: number;
}

/** What is stored: free text as typed (trimmed at the ends), the ISBN as ISBN-13. */
export interface RecommendationInput {
  title: string;
  author: string;
  isbn13: string | null;
  publisher: string;
  year: number | null;
  format: RecommendationFormat;
  reason: RecommendationReason;
  note: string;
  /** The pickup location's id as chosen, when he asked for a request once it arrives. */
  requestPickup: number | null;
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Checks every field; `thisYear` is the library's current year (a year after it is refused). */
export function checkRecommendation(
  fields: RecommendationFields,
  thisYear: number,
): { ok: true; value: RecommendationInput } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const title = fields.title.trim();
  const author = fields.author.trim();
  const publisher = fields.publisher.trim();
  const note = fields.note.trim();
  const yearText = fields.year.trim();

  if (title === '') problems.push({ field: 'title', code: 'TITLE_REQUIRED' });
  else if (title.length > TITLE_MAX) problems.push({ field: 'title', code: 'TITLE_TOO_LONG', max: TITLE_MAX });
  if (author.length > AUTHOR_MAX) problems.push({ field: 'author', code: 'AUTHOR_TOO_LONG', max: AUTHOR_MAX });
  const isbn13 = fields.isbn.trim() === '' ? null : (parseIsbn(fields.isbn.trim()) ?? undefined);
  if (isbn13 === undefined) problems.push({ field: 'isbn', code: 'ISBN_INVALID' });
  if (publisher.length > PUBLISHER_MAX) problems.push({ field: 'publisher', code: 'PUBLISHER_TOO_LONG', max: PUBLISHER_MAX });
  let year: number | null = null;
  if (yearText !== '') {
    if (!/^\d{4}$/.test(yearText)) problems.push({ field: 'year', code: 'YEAR_INVALID' });
    else if (Number(yearText) > thisYear) problems.push({ field: 'year', code: 'YEAR_IN_FUTURE', max: thisYear });
    else year = Number(yearText);
  }
  if (!isOneOf(FORMATS, fields.format)) problems.push({ field: 'format', code: 'FORMAT_REQUIRED' });
  if (!isOneOf(REASONS, fields.reason)) problems.push({ field: 'reason', code: 'REASON_REQUIRED' });
  if (note.length > NOTE_MAX) problems.push({ field: 'note', code: 'NOTE_TOO_LONG', max: NOTE_MAX });
  else if (fields.reason === 'other' && note === '') problems.push({ field: 'note', code: 'NOTE_REQUIRED_FOR_OTHER' });
  const wantsRequest = fields.request_when_available === 'yes';
  const pickup = /^\d{1,9}$/.test(fields.pickup) && Number(fields.pickup) > 0 ? Number(fields.pickup) : null;
  if (wantsRequest && pickup === null) problems.push({ field: 'pickup', code: 'PICKUP_REQUIRED' });

  if (problems.length > 0 || !isOneOf(FORMATS, fields.format) || !isOneOf(REASONS, fields.reason)) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title,
      author,
      isbn13: isbn13 ?? null,
      publisher,
      year,
      format: fields.format,
      reason: fields.reason,
      note,
      requestPickup: wantsRequest ? pickup : null,
    },
  };
}
