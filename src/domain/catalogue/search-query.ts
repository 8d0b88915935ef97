/**
 * A catalogue search as the database's own full-text query. Whatever a patron types, only words
 * reach it: runs of letters and digits, all of them required. So `"`, `*`, `NEAR(`, `-`, `&` or
 * `!` are never query syntax, and no search can fail, on SQLite (FTS5) or PostgreSQL (tsquery).
 */
export const MAX_QUERY_WORDS = 12;
/** A longer "word" is cut: no title has one, and the query stays small. */
const MAX_WORD_LENGTH = 40;

/** The words searched for: runs of letters and digits, at most MAX_QUERY_WORDS of them. */
export function searchWords(input: string): string[] {
  return (input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_QUERY_WORDS).map((word) => word.slice(0, MAX_WORD_LENGTH));
}

/** How words are matched: as the start of a word (a search box), or as whole words. */
export type WordMatch = 'prefix' | 'whole';

/** The words as an FTS5 query: each quoted, `*` after it for a prefix; all required. */
export function ftsQueryOf(words: readonly string[], match: WordMatch): string {
  return words.map((word) => `"${word}"${match === 'prefix' ? '*' : ''}`).join(' ');
}

/** The words as a PostgreSQL tsquery for to_tsquery: `word:*` for a prefix, joined by `&`. */
export function tsQueryOf(words: readonly string[], match: WordMatch): string {
  return words.map((word) => `${word}${match === 'prefix' ? ':*' : ''}`).join(' & ');
}
