/**
 * The checks on a patron's registration, shared by the CSV import and (later) the
 * counter's form: interfaces.md "Patron CSV" and pin-policy.md §2. Pure: the default
 * PIN is worked out here, hashing and storing happen in the service.
 */
import { normaliseBarcode } from './barcode.js';
import { isPatronType, PATRON_TYPES, type PatronProfile, type PatronType } from './patron.js';
import { defaultPinFrom } from './pin/default-pin.js';

export const REGISTRATION_FIELDS = [
  'barcode',
  'name',
  'email',
  'hkid',
  'passport',
  'mainland_id',
  'patron_type',
  'expiry_date',
] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];
export const REQUIRED_REGISTRATION_FIELDS: readonly RegistrationField[] = ['barcode', 'name'];

export const NAME_MAX_LENGTH = 200;
export const DEFAULT_PATRON_TYPE: PatronType = 'undergraduate';

/** What can be wrong with a registration (or, for HKID_CHECK_DIGIT, worth a warning). */
export type RegistrationProblemCode =
  | 'BARCODE_MISSING'
  | 'BARCODE_MALFORMED'
  | 'NAME_MISSING'
  | 'NAME_TOO_LONG'
  | 'EMAIL_MALFORMED'
  | 'PATRON_TYPE_UNKNOWN'
  | 'EXPIRY_MALFORMED'
  | 'ID_MISSING'
  | 'ID_TOO_SHORT'
  | 'HKID_CHECK_DIGIT';

export interface RegistrationProblem {
  code: RegistrationProblemCode;
  params?: Record<string, string | number>;
}

export interface ValidRegistration extends PatronProfile {
  /** Letters and digits of the ID number: only ever fingerprinted, never stored. */
  normalisedIdNumber: string;
  defaultPin: string;
  warnings: RegistrationProblem[];
}

export type RegistrationResult = { ok: true; value: ValidRegistration } | { ok: false; problems: RegistrationProblem[] };

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function validateRegistration(fields: Partial<Record<RegistrationField, string>>): RegistrationResult {
  const get = (name: RegistrationField) => (fields[name] ?? '').trim();
  const problems: RegistrationProblem[] = [];

  const barcode = normaliseBarcode(get('barcode'));
  if (!barcode.ok) problems.push({ code: barcode.code });

  const name = get('name');
  if (name === '') problems.push({ code: 'NAME_MISSING' });
  else if (name.length > NAME_MAX_LENGTH) problems.push({ code: 'NAME_TOO_LONG', params: { max: NAME_MAX_LENGTH } });

  const email = get('email');
  if (email !== '' && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) problems.push({ code: 'EMAIL_MALFORMED' });

  const type = get('patron_type').toLowerCase();
  if (type !== '' && !isPatronType(type)) problems.push({ code: 'PATRON_TYPE_UNKNOWN', params: { types: PATRON_TYPES.join(', ') } });

  const expiry = get('expiry_date');
  if (expiry !== '' && !isIsoDate(expiry)) problems.push({ code: 'EXPIRY_MALFORMED' });

  const pin = defaultPinFrom({ hkid: get('hkid'), passport: get('passport'), mainland_id: get('mainland_id') });
  if (!pin.ok) problems.push(pin.document ? { code: pin.code, params: { document: pin.document } } : { code: pin.code });

  if (!barcode.ok || !pin.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      barcode: barcode.barcode,
      name,
      email: email === '' ? null : email,
      patronType: type === '' ? DEFAULT_PATRON_TYPE : (type as PatronType),
      expiryDate: expiry === '' ? null : expiry,
      idDocument: pin.document,
      normalisedIdNumber: pin.normalisedNumber,
      defaultPin: pin.pin,
      warnings: pin.warnings.map((code) => ({ code })),
    },
  };
}
