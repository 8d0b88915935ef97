/**
 * The catalogue search a patron came to a record from, carried on the record's links as
 * `?q=…&page=…` so that "Back to the search" returns to the same words and page, also after a
 * request, a reload or a bookmark. Only the words (cut to length) and a whole page number are
 * read; the way back is always built here as /catalogue?…, so no value in a URL can send the
 * browser anywhere else (no open redirect).
 */
import { queryText, wholeNumber } from '../http/query-params.js';

/** The longest search kept: more is cut off, as the search box's value. */
export const MAX_QUERY_LENGTH = 200;
/** Further than anyone pages through results (20 a page). */
export const MAX_PAGE = 10_000;

export interface SearchContext {
  query: string;
  page: number;
}

/** The search from a URL's query string; an empty query when there was none, page 1 when the page is not a plain number. */
export function readSearchContext(params: { q?: unknown; page?: unknown }): SearchContext {
  return { query: queryText(params.q, MAX_QUERY_LENGTH), page: wholeNumber(params.page, { min: 1, max: MAX_PAGE }) ?? 1 };
}

/** `?q=…&page=…` (page left out when it is 1) for a record's address; '' when there was no search. */
export function searchContextQuery(context: SearchContext): string {
  if (context.query === '') return '';
  const params = new URLSearchParams({ q: context.query });
  if (context.page > 1) params.set('page', String(context.page));
  return `?${params.toString()}`;
}

/** The search's results page again; the empty search page when there was no search. */
export function searchPageHref(context: SearchContext): string {
  return `/catalogue${searchContextQuery(context)}`;
}

/** A record's page, remembering the search it was found with. */
export function recordHref(recordId: number, context: SearchContext): string {
  return `/catalogue/${recordId}${searchContextQuery(context)}`;
}
