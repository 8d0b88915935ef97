/**
 * Whether a new interlibrary loan request asks again for what the patron already has an open
 * request for. A second request for the same item would only make staff ask two lenders for one
 * book, so it is refused with a pointer to the open one. "The same" is what the patron can tell
 * apart: for a book, the same ISBN or the same title and author as match-key.ts normalises them;
 * for an article, the same DOI, or the same article, author and journal or book.
 */
import { matchKey, normalisePart } from '../shared/match-key.js';
import type { IllDetails } from './ill-request.js';

type Described = Pick<IllDetails, 'kind' | 'title' | 'articleTitle' | 'author' | 'isbn' | 'issnDoi'>;

/** A DOI names one article; an ISSN only its journal, so it says nothing about the article. */
const isDoi = (value: string | null): value is string => value !== null && value.startsWith('10.');

export function isSameItem(asked: Described, open: Described): boolean {
  if (asked.kind !== open.kind) return false;
  if (asked.kind === 'book') {
    if (asked.isbn !== null && asked.isbn === open.isbn) return true;
    const key = matchKey(asked.title, asked.author);
    return key !== undefined && key === matchKey(open.title, open.author);
  }
  if (isDoi(asked.issnDoi) && isDoi(open.issnDoi) && asked.issnDoi.toLowerCase() === open.issnDoi.toLowerCase()) return true;
  const key = matchKey(asked.articleTitle ?? '', asked.author);
  return (
    key !== undefined && key === matchKey(open.articleTitle ?? '', open.author) && normalisePart(asked.title) === normalisePart(open.title)
  );
}
