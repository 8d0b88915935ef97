/**
 * The same book typed two ways ("The Brothers Karamazov", "brothers  karamazov!", "Dostoevsky,
 * Fyodor" / "Dostoévsky Fyodor") has one key, so that a second patron asking for it becomes a
 * supporter of the open recommendation, a book the catalogue holds is noticed before it is bought
 * or asked of another library, and a patron's second interlibrary loan request for it is caught.
 *
 * Normalisation of each part: Unicode compatibility forms folded (NFKD: full-width letters and
 * digits become ASCII ones), accents and other combining marks dropped, lower case, every run of
 * punctuation, symbols and spaces made one space, and the ends trimmed. Letters of any script
 * (Chinese titles too) and digits are kept. The title keeps its word order; the author's words
 * are put in alphabetical order, since the catalogue writes "Austen, Jane" where a patron types
 * "Jane Austen".
 */

/** One part (a title, an author) normalised as above. */
export function normalisePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The key of a title and author: both normalised, joined by a bar (which never survives
 * normalisation, so "a b" + "c" and "a" + "b c" differ). Undefined when the title has no letter or
 * digit: such a title matches nothing.
 */
export function matchKey(title: string, author: string): string | undefined {
  const t = normalisePart(title);
  const authorWords = normalisePart(author).split(' ').filter(Boolean).sort();
  return t === '' ? undefined : `${t}|${authorWords.join(' ')}`;
}

/** The words of a title as normalised, for finding candidate records in the catalogue's index. */
export function titleWords(title: string): string[] {
  return normalisePart(title).split(' ').filter(Boolean);
}
