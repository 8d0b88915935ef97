/**
 * The two request forms (GET, POST /myrecord/ill/new): every problem of every
 * field is returned at once, each with its field, so the page shows them all beside their fields.
 *   Book loan: title (required), author, publisher, year, edition, ISBN, not needed after
 *   (required), note.
 *   Article or chapter copy: source title and article title (required), author, volume, issue,
 *   year (required), pages (required), ISSN or DOI, not needed after (optional), note, and the
 *   copyright declaration (required).
 * Dates are days of the library's calendar (Hong Kong): "not needed after" must be after today.
 */
import { isCalendarDate, type LibraryDate } from '../shared/library-date.js';
import { parseIsbn } from '../shared/isbn.js';
import { parseIssnOrDoi } from './issn-doi.js';
import type { IllDetails, IllKind } from './ill-request.js';

export const BOOK_FIELDS = ['title', 'author', 'publisher', 'year', 'edition', 'isbn', 'not_needed_after', 'note'] as const;
export const ARTICLE_FIELDS = [
  'source_title',
  'article_title',
  'author',
  'volume',
  'issue',
  'year',
  'pages',
  'issn_doi',
  'not_needed_after',
  'note',
  'copyright_declaration',
] as const;
export type IllField = (typeof BOOK_FIELDS)[number] | (typeof ARTICLE_FIELDS)[number];

/** The longest each text may be. */
export const ILL_MAX_LENGTH: Record<IllField, number> = {
  title: 300,
  source_title: 300,
  article_title: 300,
  author: 200,
  publisher: 200,
  year: 4,
  edition: 50,
  isbn: 20,
  volume: 20,
  issue: 20,
  pages: 30,
  issn_doi: 200,
  not_needed_after: 10,
  note: 1000,
  copyright_declaration: 10,
};

export type IllProblemCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'YEAR_MALFORMED'
  | 'YEAR_IN_FUTURE'
  | 'DATE_MALFORMED'
  | 'DATE_NOT_FUTURE'
  | 'ISBN_INVALID'
  | 'ISSN_DOI_INVALID'
  | 'PAGES_MALFORMED'
  | 'DECLARATION_REQUIRED';

export interface IllProblem {
  field: IllField;
  code: IllProblemCode;
  /** For TOO_LONG: the most characters allowed. */
  max?: number;
}

export type IllFormResult = { ok: true; details: IllDetails; declared: boolean } | { ok: false; problems: IllProblem[] };

/** One page or a range (12, 12-34, e1234, S5–S9), several separated by commas. */
const PAGES =
  /^[A-Za-z]{0,2}\d{1,6}(?:\s*[-–]\s*[A-Za-z]{0,2}\d{1,6})?(?:\s*,\s*[A-Za-z]{0,2}\d{1,6}(?:\s*[-–]\s*[A-Za-z]{0,2}\d{1,6})?)*$/;

export function validateIllForm(kind: IllKind, raw: Partial<Record<IllField, string>>, today: LibraryDate): IllFormResult {
  const problems: IllProblem[] = [];
  const text = (field: IllField, required = false): string => {
    const value = (raw[field] ?? '').trim();
    if (value.length > ILL_MAX_LENGTH[field]) problems.push({ field, code: 'TOO_LONG', max: ILL_MAX_LENGTH[field] });
    else if (required && value === '') problems.push({ field, code: 'REQUIRED' });
    return value;
  };

  const yearOf = (required: boolean): number | null => {
    const value = text('year', required);
    if (value === '' || value.length > ILL_MAX_LENGTH.year) return null;
    if (!/^\d{4}$/.test(value)) {
      problems.push({ field: 'year', code: 'YEAR_MALFORMED' });
      return null;
    }
    if (value > today.slice(0, 4)) problems.push({ field: 'year', code: 'YEAR_IN_FUTURE' });
    return Number(value);
  };

  const notNeededAfter = (required: boolean): LibraryDate | null => {
    const value = text('not_needed_after', required);
    if (value === '' || value.length > ILL_MAX_LENGTH.not_needed_after) return null;
    if (!isCalendarDate(value)) {
      problems.push({ field: 'not_needed_after', code: 'DATE_MALFORMED' });
      return null;
    }
    if (value <= today) problems.push({ field: 'not_needed_after', code: 'DATE_NOT_FUTURE' });
    return value;
  };

  if (kind === 'book') {
    const title = text('title', true);
    const author = text('author');
    const publisher = text('publisher');
    const year = yearOf(false);
    const edition = text('edition');
    const isbnText = text('isbn');
    const isbn = isbnText === '' ? null : (parseIsbn(isbnText) ?? null);
    if (isbnText !== '' && isbn === null && isbnText.length <= ILL_MAX_LENGTH.isbn) problems.push({ field: 'isbn', code: 'ISBN_INVALID' });
    const date = notNeededAfter(true);
    const note = text('note');
    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      declared: false,
      details: {
        kind,
        title,
        articleTitle: null,
        author,
        publisher,
        edition,
        isbn,
        volume: '',
        issue: '',
        pages: '',
        issnDoi: null,
        year,
        notNeededAfter: date,
        note,
      },
    };
  }

  const title = text('source_title', true);
  const articleTitle = text('article_title', true);
  const author = text('author');
  const volume = text('volume');
  const issue = text('issue');
  const year = yearOf(true);
  const pages = text('pages', true);
  if (pages !== '' && pages.length <= ILL_MAX_LENGTH.pages && !PAGES.test(pages))
    problems.push({ field: 'pages', code: 'PAGES_MALFORMED' });
  const issnDoiText = text('issn_doi');
  const issnDoi = issnDoiText === '' ? null : (parseIssnOrDoi(issnDoiText)?.value ?? null);
  if (issnDoiText !== '' && issnDoi === null && issnDoiText.length <= ILL_MAX_LENGTH.issn_doi)
    problems.push({ field: 'issn_doi', code: 'ISSN_DOI_INVALID' });
  const date = notNeededAfter(false);
  const note = text('note');
  // A tick box sends its value when ticked, nothing otherwise.
  const declared = (raw.copyright_declaration ?? '') !== '';
  if (!declared) problems.push({ field: 'copyright_declaration', code: 'DECLARATION_REQUIRED' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    declared,
    details: {
      kind,
      title,
      articleTitle,
      author,
      publisher: '',
      edition: '',
      isbn: null,
      volume,
      issue,
      pages,
      issnDoi,
      year,
      notNeededAfter: date,
      note,
    },
  };
}
