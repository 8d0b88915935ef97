/**
 * The records of the catalogue that are the book a patron describes: the one with its ISBN, and
 * those whose normalised title and author are the same (match-key.ts). Book Recommendation asks
 * before buying a book the library has, and Interlibrary Loan before asking another library for
 * one on our own shelf; both describe the book the same way, so both find it the same way.
 */
import type { CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { CatalogueRecord } from '../../domain/catalogue/catalogue-record.js';
import { matchKey, titleWords } from '../../domain/shared/match-key.js';

/** Enough words of a title to find the records that might be the same book. */
const MAX_TITLE_WORDS = 20;
/** Records with every word of the title, looked at for the same title and author. */
const MAX_CANDIDATES = 50;

export interface DescribedBook {
  title: string;
  author: string;
  /** ISBN-13, or null when none was given. */
  isbn13: string | null;
}

/** Every record that is this book, the ISBN's first; none when the title has no letter or digit. */
export function catalogueMatches(catalogue: CatalogueRepo, book: DescribedBook): CatalogueRecord[] {
  const byIsbn = book.isbn13 ? catalogue.findRecordByIsbn(book.isbn13) : undefined;
  const key = matchKey(book.title, book.author);
  const words = titleWords(book.title).slice(0, MAX_TITLE_WORDS);
  // The index finds the records with every word of the title; the key then says which are the same book.
  const byKey =
    key && words.length > 0
      ? catalogue.withTitleWords(words, MAX_CANDIDATES).filter((r) => r.id !== byIsbn?.id && matchKey(r.title, r.author) === key)
      : [];
  return byIsbn ? [byIsbn, ...byKey] : byKey;
}
