/**
 * The default PIN, docs/rules.md §2: the first 6 letters and digits of the patron's
 * HKID number, else passport number, else Mainland resident ID number.
 * The ID number itself never leaves this computation: callers keep only the PIN's
 * hash, which document it came from, and a keyed fingerprint of the normalised number.
 */
export type IdDocument = 'hkid' | 'passport' | 'mainland_id';

/** The order in which documents are chosen: exactly one is used. */
export const ID_DOCUMENT_ORDER: readonly IdDocument[] = ['hkid', 'passport', 'mainland_id'];

export const DEFAULT_PIN_LENGTH = 6;

export type IdNumbers = Partial<Record<IdDocument, string | undefined>>;

export type DefaultPinResult =
  | {
      ok: true;
      pin: string;
      document: IdDocument;
      /** Letters and digits only, upper-cased: what the fingerprint is taken of. */
      normalisedNumber: string;
      warnings: Array<'HKID_CHECK_DIGIT'>;
    }
  | { ok: false; code: 'ID_MISSING' | 'ID_TOO_SHORT'; document?: IdDocument };

export function normaliseIdNumber(raw: string): string {
  return raw.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

export function defaultPinFrom(ids: IdNumbers): DefaultPinResult {
  const document = ID_DOCUMENT_ORDER.find((doc) => (ids[doc] ?? '').trim() !== '');
  if (!document) return { ok: false, code: 'ID_MISSING' };
  const normalisedNumber = normaliseIdNumber(ids[document] ?? '');
  if (normalisedNumber.length < DEFAULT_PIN_LENGTH) return { ok: false, code: 'ID_TOO_SHORT', document };
  const warnings: Array<'HKID_CHECK_DIGIT'> = [];
  if (document === 'hkid' && !hkidCheckDigitIsValid(normalisedNumber)) warnings.push('HKID_CHECK_DIGIT');
  return { ok: true, pin: normalisedNumber.slice(0, DEFAULT_PIN_LENGTH), document, normalisedNumber, warnings };
}

/**
 * The HKID check digit (mod 11, weights 9..2, letters A=10..Z=35, a missing
 * first letter counted as a space = 36, check digit "A" meaning 10).
 * A wrong digit is only ever a warning: the library's own example Z123456(7) fails it.
 */
export function hkidCheckDigitIsValid(normalised: string): boolean {
  const match = /^([A-Z]{1,2})([0-9]{6})([0-9A])$/.exec(normalised);
  if (!match) return false;
  const [, letters = '', digits = '', check = ''] = match;
  const prefix = letters.length === 1 ? ` ${letters}` : letters;
  const values = [...prefix].map((ch) => (ch === ' ' ? 36 : ch.charCodeAt(0) - 55));
  const all = [...values, ...[...digits].map(Number)];
  const sum = all.reduce((acc, value, index) => acc + value * (9 - index), 0);
  const expected = (11 - (sum % 11)) % 11;
  return (expected === 10 ? 'A' : String(expected)) === check;
}
