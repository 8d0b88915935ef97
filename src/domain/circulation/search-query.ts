/**
 * A catalogue search as an FTS5 query. Whatever a patron types, only words reach FTS5:
 * each word of letters and digits is quoted and matched as a prefix, all words required.
 * So `"`, `*`, `NEAR(` or `-` are never FTS5 syntax, and no query can fail.
 */
export const MAX_QUERY_WORDS = 12;

/** The words searched for: runs of letters and digits, at most MAX_QUERY_WORDS of them. */
export function searchWords(input: string): string[] {
  return (input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_QUERY_WORDS);
}

export function toFtsQuery(input: string): string | undefined {
  const words = searchWords(input);
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word.slice(0, 40)}"*`).join(' ');
}
