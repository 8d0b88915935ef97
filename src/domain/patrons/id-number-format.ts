/**
 * What a plausible library barcode and ID number look like, as staff at the counter type them
 * from a card. Stricter than the patron file's rules (docs/rules.md §1–2 only
 * ask for 1–32 letters and digits, and 6 letters and digits of an ID number): a person copying
 * from a card can mistype, a file from the registry is taken as it is. Spaces typed inside a
 * number are ignored; letters count in either case.
 */

/** One or two letters, six digits, and the check digit (0–9 or A), in brackets or not: A123456(3). */
const HKID = /^[A-Z]{1,2}[0-9]{6}(?:\([0-9A]\)|[0-9A])$/;
/** ICAO passports have up to 9 characters; some issuers' numbers run a little longer (XY12345678). */
export const PASSPORT_LENGTH = { min: 6, max: 12 } as const;
const PASSPORT = new RegExp(`^[A-Z0-9]{${PASSPORT_LENGTH.min},${PASSPORT_LENGTH.max}}$`);
/** The resident identity card of the Mainland: 17 digits and a check character, a digit or X. */
const MAINLAND_ID = /^[0-9]{17}[0-9X]$/;

export type IdNumberFormatProblem = 'HKID_MALFORMED' | 'PASSPORT_MALFORMED' | 'MAINLAND_ID_MALFORMED';

/** The number as typed, without spaces, upper-cased (brackets stay: they are part of an HKID's format). */
function compact(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function hkidProblem(raw: string): IdNumberFormatProblem | undefined {
  return HKID.test(compact(raw)) ? undefined : 'HKID_MALFORMED';
}

export function passportProblem(raw: string): IdNumberFormatProblem | undefined {
  const number = compact(raw);
  return PASSPORT.test(number) && /[0-9]/.test(number) ? undefined : 'PASSPORT_MALFORMED';
}

export function mainlandIdProblem(raw: string): IdNumberFormatProblem | undefined {
  return MAINLAND_ID.test(compact(raw)) ? undefined : 'MAINLAND_ID_MALFORMED';
}

/**
 * The library's barcodes are the numbers printed on its cards (21000001, 12345678D): the spec's
 * 1–32 letters and digits, and at least one digit, so that a name or a word typed into the
 * barcode box by mistake ("CHAN", "ABC") is refused. `barcode` is already normalised.
 */
export function libraryBarcodeHasDigit(barcode: string): boolean {
  return /[0-9]/.test(barcode);
}
