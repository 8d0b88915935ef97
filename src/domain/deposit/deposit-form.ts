/**
 * The deposit form (GET, POST /myrecord/deposits/:id): every problem of every field
 * at once, each with its field. Saving a draft checks what was typed (formats, lengths, choices,
 * each ORCID iD's check digit, the embargo's end); submitting also needs what a record must have.
 *   title (required, ≤ 300); authors (required: one a line, "Name" or "Name | ORCID iD", ≤ 50);
 *   type (required); year (required, 4 digits, at most next year: "in press"); venue (≤ 300);
 *   DOI (optional, 10. form); abstract (required, ≤ 5,000); keywords (≤ 500); version and licence
 *   (required); embargo until (optional: after today, at most embargo_max_years ahead).
 */
import { isCalendarDate, type LibraryDate } from '../shared/library-date.js';
import { parseDoi } from '../shared/doi.js';
import { parseOrcid } from './orcid.js';
import { DEPOSIT_LICENCES, DEPOSIT_TYPES, DEPOSIT_VERSIONS, type DepositAuthor, type DepositMetadata } from './deposit.js';

export const DEPOSIT_FIELDS = [
  'title',
  'authors',
  'type',
  'year',
  'venue',
  'doi',
  'abstract',
  'keywords',
  'version',
  'licence',
  'embargo_until',
] as const;
export type DepositField = (typeof DEPOSIT_FIELDS)[number];

/** The longest each field may be, in characters. */
export const DEPOSIT_MAX_LENGTH: Record<DepositField, number> = {
  title: 300,
  authors: 12_000,
  type: 20,
  year: 4,
  venue: 300,
  doi: 200,
  abstract: 5000,
  keywords: 500,
  version: 20,
  licence: 20,
  embargo_until: 10,
};
export const AUTHORS_MAX = 50;
export const AUTHOR_NAME_MAX = 200;

export type DepositProblemCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'CHOICE_UNKNOWN'
  | 'YEAR_MALFORMED'
  | 'YEAR_IN_FUTURE'
  | 'DOI_INVALID'
  | 'DATE_MALFORMED'
  | 'EMBARGO_NOT_FUTURE'
  | 'EMBARGO_TOO_FAR'
  | 'AUTHOR_NAME_MISSING'
  | 'AUTHOR_NAME_TOO_LONG'
  | 'ORCID_INVALID'
  | 'TOO_MANY_AUTHORS';

export interface DepositProblem {
  field: DepositField;
  code: DepositProblemCode;
  /** TOO_LONG, AUTHOR_NAME_TOO_LONG, TOO_MANY_AUTHORS: the most allowed; EMBARGO_TOO_FAR: the years. */
  max?: number;
  /** For an author's problem: the line it is on (from 1) and what was typed there. */
  line?: number;
  value?: string;
  /** EMBARGO_TOO_FAR: the latest day allowed. */
  latest?: LibraryDate;
}

export type DepositFormResult = { ok: true; metadata: DepositMetadata } | { ok: false; problems: DepositProblem[] };

/** The same day `years` years on (29 February compares as the last day of February). */
export function yearsAhead(date: LibraryDate, years: number): LibraryDate {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

/** The authors, one a line: blank lines skipped, "Name | ORCID iD" split at the last bar. */
export function parseAuthors(raw: string, problems: DepositProblem[]): DepositAuthor[] {
  const authors: DepositAuthor[] = [];
  const lines = raw.split(/\r\n|\r|\n/);
  lines.forEach((text, index) => {
    const line = text.trim();
    if (line === '') return;
    const bar = line.lastIndexOf('|');
    const name = (bar === -1 ? line : line.slice(0, bar)).trim().replace(/\s+/g, ' ');
    const orcidText = bar === -1 ? '' : line.slice(bar + 1).trim();
    const where = { field: 'authors' as const, line: index + 1, value: line };
    if (name === '') problems.push({ ...where, code: 'AUTHOR_NAME_MISSING' });
    else if (name.length > AUTHOR_NAME_MAX) problems.push({ ...where, code: 'AUTHOR_NAME_TOO_LONG', max: AUTHOR_NAME_MAX });
    let orcid: string | null = null;
    if (orcidText !== '') {
      orcid = parseOrcid(orcidText) ?? null;
      if (orcid === null) problems.push({ ...where, code: 'ORCID_INVALID', value: orcidText });
    }
    authors.push({ name, orcid });
  });
  if (authors.length > AUTHORS_MAX) problems.push({ field: 'authors', code: 'TOO_MANY_AUTHORS', max: AUTHORS_MAX });
  return authors;
}

/** The authors as the form shows them again: one a line, the ORCID iD after a bar. */
export function authorsText(authors: readonly DepositAuthor[]): string {
  return authors.map((a) => (a.orcid ? `${a.name} | ${a.orcid}` : a.name)).join('\n');
}

function choice<T extends string>(value: string, choices: readonly T[]): T | null | undefined {
  if (value === '') return null;
  return (choices as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Checks what was typed, as for saving a draft: nothing is required yet. */
export function validateDepositForm(
  raw: Partial<Record<DepositField, string>>,
  today: LibraryDate,
  embargoMaxYears: number,
): DepositFormResult {
  const problems: DepositProblem[] = [];
  const text = (field: DepositField): string => {
    const value = (raw[field] ?? '').trim();
    if (value.length > DEPOSIT_MAX_LENGTH[field]) {
      problems.push({ field, code: 'TOO_LONG', max: DEPOSIT_MAX_LENGTH[field] });
      return '';
    }
    return value;
  };
  const pick = <T extends string>(field: DepositField, choices: readonly T[]): T | null => {
    const picked = choice(text(field), choices);
    if (picked === undefined) problems.push({ field, code: 'CHOICE_UNKNOWN' });
    return picked ?? null;
  };

  const title = text('title').replace(/\s+/g, ' ');
  const authorsRaw = text('authors');
  const authors = parseAuthors(authorsRaw, problems);
  const type = pick('type', DEPOSIT_TYPES);

  let year: number | null = null;
  const yearText = text('year');
  if (yearText !== '') {
    if (!/^\d{4}$/.test(yearText)) problems.push({ field: 'year', code: 'YEAR_MALFORMED' });
    else if (Number(yearText) > Number(today.slice(0, 4)) + 1) problems.push({ field: 'year', code: 'YEAR_IN_FUTURE' });
    else year = Number(yearText);
  }

  const venue = text('venue');
  const doiText = text('doi');
  let doi: string | null = null;
  if (doiText !== '') {
    doi = parseDoi(doiText) ?? null;
    if (doi === null) problems.push({ field: 'doi', code: 'DOI_INVALID' });
  }
  // Kept as typed (paragraphs too), only the ends trimmed.
  const abstract = text('abstract');
  const keywords = text('keywords');
  const version = pick('version', DEPOSIT_VERSIONS);
  const licence = pick('licence', DEPOSIT_LICENCES);

  let embargoUntil: LibraryDate | null = null;
  const embargoText = text('embargo_until');
  if (embargoText !== '') {
    const latest = yearsAhead(today, embargoMaxYears);
    if (!isCalendarDate(embargoText)) problems.push({ field: 'embargo_until', code: 'DATE_MALFORMED' });
    else if (embargoText <= today) problems.push({ field: 'embargo_until', code: 'EMBARGO_NOT_FUTURE' });
    else if (embargoText > latest) problems.push({ field: 'embargo_until', code: 'EMBARGO_TOO_FAR', max: embargoMaxYears, latest });
    else embargoUntil = embargoText;
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, metadata: { title, authors, type, year, venue, doi, abstract, keywords, version, licence, embargoUntil } };
}

/** What a deposit still needs before it can be submitted: each required field left empty. */
export function missingForSubmission(metadata: DepositMetadata): DepositProblem[] {
  const missing: DepositField[] = [];
  if (metadata.title === '') missing.push('title');
  if (metadata.authors.length === 0) missing.push('authors');
  if (metadata.type === null) missing.push('type');
  if (metadata.year === null) missing.push('year');
  if (metadata.abstract === '') missing.push('abstract');
  if (metadata.version === null) missing.push('version');
  if (metadata.licence === null) missing.push('licence');
  return missing.map((field) => ({ field, code: 'REQUIRED' }));
}
