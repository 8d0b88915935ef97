/**
 * ISBNs. The catalogue keeps ISBN-13 (13 digits, the last a mod-10 check digit). What a patron
 * types may be either form, with hyphens or spaces: ISBN-10 (9 digits and a mod-11 check digit,
 * which may be X) is turned into its ISBN-13 (978 + the 9 digits + a new check digit).
 */
const ISBN_SEPARATORS = /[-\s]/g;

function isbn13CheckDigit(first12: string): number {
  const sum = [...first12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}

/** ISBN-13: 13 digits (hyphens and spaces allowed when typed), the last a mod-10 check digit. */
export function normaliseIsbn13(raw: string): string | undefined {
  const digits = raw.replace(ISBN_SEPARATORS, '');
  if (!/^97[89]\d{10}$/.test(digits)) return undefined;
  return isbn13CheckDigit(digits.slice(0, 12)) === Number(digits[12]) ? digits : undefined;
}

/** ISBN-10 (check digit 0–9 or X, weights 10 down to 1, sum divisible by 11), as its ISBN-13. */
export function isbn10ToIsbn13(raw: string): string | undefined {
  const chars = raw.replace(ISBN_SEPARATORS, '').toUpperCase();
  if (!/^\d{9}[\dX]$/.test(chars)) return undefined;
  const sum = [...chars].reduce((acc, c, i) => acc + (c === 'X' ? 10 : Number(c)) * (10 - i), 0);
  if (sum % 11 !== 0) return undefined;
  const first12 = `978${chars.slice(0, 9)}`;
  return `${first12}${isbn13CheckDigit(first12)}`;
}

/** An ISBN as typed by a patron, either form, as the catalogue's ISBN-13; undefined when it is neither. */
export function parseIsbn(raw: string): string | undefined {
  return normaliseIsbn13(raw) ?? isbn10ToIsbn13(raw);
}
