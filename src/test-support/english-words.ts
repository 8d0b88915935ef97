/**
 * Finds English left in what should be Traditional Chinese: a page's text, a mail, a message.
 * A word is a run of two or more Latin letters with no digit in it (Z12345, abc123 and 4/F are
 * codes, and one letter is a variable or an example, like A–Z). The allow-list is short, and each
 * entry says why a Hong Kong reader sees it in English too.
 */
import { LOCALE_INFO } from '../domain/shared/locale.js';

const ALLOWED: ReadonlyArray<{ why: string; words: readonly string[] }> = [
  { why: 'names the library keeps in English in both languages', words: ['myRecord', 'iBooking', 'ORCID'] },
  { why: 'abbreviations Hong Kong readers use as they are (HK of HK$)', words: ['PIN', 'HKID', 'ISBN', 'HK'] },
  { why: 'units of file size, as every Hong Kong device shows them (百萬位元組 reads as a machine translation)', words: ['MB', 'KB'] },
  {
    why: 'names of standards that Hong Kong libraries print as they are (a PDF file, an ISSN or DOI, a SHA-256 checksum, a CSV download)',
    words: ['PDF', 'ISSN', 'DOI', 'SHA', 'CSV'],
  },
  { why: 'units of file size, printed as they are in Hong Kong (a 2 MB PDF)', words: ['KB', 'MB'] },
  { why: 'Creative Commons licences, named as they are printed everywhere (CC BY-NC 4.0)', words: ['CC', 'BY', 'NC'] },
  { why: 'the language switch names each language in that language', words: [LOCALE_INFO.en.name] },
  { why: 'the date format a form asks for (YYYY-MM-DD)', words: ['YYYY', 'MM', 'DD'] },
  { why: 'examples of PINs the rules forbid: typed, not read', words: ['aaa', 'abab', 'abcabc', 'abcdabcd', 'password'] },
  { why: 'keys and systems named as printed on the keyboard (Ctrl+P, ⌘P on a Mac)', words: ['Ctrl', 'Mac'] },
  {
    why: 'authenticator apps, named as their app stores list them in Hong Kong',
    words: ['Google', 'Microsoft', 'Authenticator', 'FreeOTP'],
  },
];

const ALLOWED_WORDS = new Set(ALLOWED.flatMap((group) => group.words));

/** The English words in `text` that are not on the allow-list (case matters: "PIN", not "pin"), once each. */
export function englishWords(text: string): string[] {
  const found = new Set<string>();
  for (const [token] of text.matchAll(/[A-Za-z0-9_]+/g)) {
    if (/\d/.test(token) || !/[A-Za-z].*[A-Za-z]/.test(token)) continue;
    if (!ALLOWED_WORDS.has(token)) found.add(token);
  }
  return [...found];
}

/**
 * The text without the data it shows (shown-data.ts, and any web or e-mail address): those are
 * the same in every language, and are not the page's wording.
 * Each data string is removed where it appears whole, the longest first.
 */
export function withoutData(text: string, data: Iterable<string>): string {
  let rest = text.replace(/https?:\/\/\S+/g, ' ').replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ');
  const present = [...new Set(data)].filter((value) => value.trim() !== '' && rest.includes(value)).sort((a, b) => b.length - a.length);
  for (const value of present) rest = rest.replaceAll(value, ' ');
  return rest;
}
