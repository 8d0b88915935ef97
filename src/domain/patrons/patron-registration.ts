/**
 * The checks on a patron's registration, shared by the CSV import and the counter's forms
 * (docs/rules.md §2); the counter also checks the formats a
 * person typing from a card can get wrong (id-number-format.ts). Pure: the default PIN is
 * worked out here, hashing and storing happen in the service.
 */
import { normaliseBarcode } from './barcode.js';
import { isCalendarDate } from '../shared/library-date.js';
import { isPatronType, PATRON_TYPES, type PatronProfile, type PatronType } from './patron.js';
import { defaultPinFrom, ID_DOCUMENT_ORDER, type IdDocument } from '../pin/default-pin.js';
import { hkidProblem, libraryBarcodeHasDigit, mainlandIdProblem, passportProblem, type IdNumberFormatProblem } from './id-number-format.js';
import { isEmailAddress } from '../shared/email-address.js';

export const REGISTRATION_FIELDS = ['barcode', 'name', 'email', 'hkid', 'passport', 'mainland_id', 'patron_type', 'expiry_date'] as const;
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

/** The details every patron has, whoever registers him; checked the same at the counter, in an import and in an edit. */
function checkProfile(get: (name: RegistrationField) => string, problems: RegistrationProblem[]) {
  const name = get('name');
  if (name === '') problems.push({ code: 'NAME_MISSING' });
  else if (name.length > NAME_MAX_LENGTH) problems.push({ code: 'NAME_TOO_LONG', params: { max: NAME_MAX_LENGTH } });

  const email = get('email');
  if (email !== '' && !isEmailAddress(email)) problems.push({ code: 'EMAIL_MALFORMED' });

  const type = get('patron_type').toLowerCase();
  if (type !== '' && !isPatronType(type)) problems.push({ code: 'PATRON_TYPE_UNKNOWN', params: { types: PATRON_TYPES.join(', ') } });

  const expiry = get('expiry_date');
  if (expiry !== '' && !isCalendarDate(expiry)) problems.push({ code: 'EXPIRY_MALFORMED' });

  return {
    name,
    email: email === '' ? null : email,
    patronType: type === '' ? DEFAULT_PATRON_TYPE : (type as PatronType),
    expiryDate: expiry === '' ? null : expiry,
  };
}

function reader(fields: Partial<Record<RegistrationField, string>>) {
  return (name: RegistrationField) => (fields[name] ?? '').trim();
}

export function validateRegistration(fields: Partial<Record<RegistrationField, string>>): RegistrationResult {
  const get = reader(fields);
  const problems: RegistrationProblem[] = [];

  const barcode = normaliseBarcode(get('barcode'));
  if (!barcode.ok) problems.push({ code: barcode.code });

  const profile = checkProfile(get, problems);

  const pin = defaultPinFrom({ hkid: get('hkid'), passport: get('passport'), mainland_id: get('mainland_id') });
  if (!pin.ok) problems.push(pin.document ? { code: pin.code, params: { document: pin.document } } : { code: pin.code });

  if (!barcode.ok || !pin.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      barcode: barcode.barcode,
      ...profile,
      idDocument: pin.document,
      normalisedIdNumber: pin.normalisedNumber,
      defaultPin: pin.pin,
      warnings: pin.warnings.map((code) => ({ code })),
    },
  };
}

// ---- At the counter: the same checks, and the formats a person typing from a card can get wrong ----

/** What the counter's forms refuse: the checks above (a check digit is only ever a warning) and the formats. */
export type CounterProblemCode =
  Exclude<RegistrationProblemCode, 'HKID_CHECK_DIGIT'> | 'BARCODE_NO_DIGIT' | 'EXPIRY_MISSING' | IdNumberFormatProblem;

export interface CounterProblem {
  code: CounterProblemCode;
  params?: Record<string, string | number>;
}

export type CounterResult<T> = { ok: true; value: T } | { ok: false; problems: CounterProblem[] };

const FORMAT_OF: Record<IdDocument, (raw: string) => IdNumberFormatProblem | undefined> = {
  hkid: hkidProblem,
  passport: passportProblem,
  mainland_id: mainlandIdProblem,
};

/** Every ID number typed, each in the format of its document. */
function idFormatProblems(get: (name: RegistrationField) => string): CounterProblem[] {
  return ID_DOCUMENT_ORDER.flatMap((document) => {
    const raw = get(document);
    const code = raw === '' ? undefined : FORMAT_OF[document](raw);
    return code ? [{ code }] : [];
  });
}

/** Problems of the shared checks, as the counter reports them (a check digit is never among them: it is a warning). */
function counterProblems(problems: RegistrationProblem[]): CounterProblem[] {
  return problems.flatMap((problem) => (problem.code === 'HKID_CHECK_DIGIT' ? [] : [{ ...problem, code: problem.code }]));
}

/**
 * Registration at the counter. A number in the wrong format says what that document's number
 * looks like (its "too short" is then said no more); a wrong HKID check digit in a number of the
 * right format stays a warning.
 */
export function validateAtCounter(fields: Partial<Record<RegistrationField, string>>): CounterResult<ValidRegistration> {
  const get = reader(fields);
  const formats = idFormatProblems(get);
  const barcode = normaliseBarcode(get('barcode'));
  if (barcode.ok && !libraryBarcodeHasDigit(barcode.barcode)) formats.push({ code: 'BARCODE_NO_DIGIT' });
  // Every record the counter makes expires: the library's rule. Nothing here knows a usual period per patron type
  // to default to, and a guessed one would be a policy nobody set, so the clerk types the date from the card or
  // the patron's papers. (The CSV import keeps its own contract: its files come from the registry, dated or not.)
  const missing: CounterProblem[] = get('expiry_date') === '' ? [{ code: 'EXPIRY_MISSING' }] : [];
  const result = validateRegistration(fields);
  const shared = result.ok ? [] : counterProblems(result.problems);
  if (formats.length === 0) return result.ok && missing.length === 0 ? result : { ok: false, problems: [...shared, ...missing] };
  const others = shared.filter((p) => p.code !== 'ID_TOO_SHORT');
  return { ok: false, problems: [...formats, ...others, ...missing] };
}

export const EDIT_FIELDS = ['name', 'email', 'patron_type', 'expiry_date', 'hkid', 'passport', 'mainland_id'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

/** A corrected ID number: what the default PIN and the fingerprint are worked out from. */
export interface CorrectedId {
  idDocument: IdDocument;
  normalisedIdNumber: string;
  defaultPin: string;
  warnings: RegistrationProblem[];
}

export interface PatronEdit {
  profile: Omit<PatronProfile, 'barcode' | 'idDocument'>;
  /** Null when no ID number was typed: the one on record stays. */
  id: CorrectedId | null;
}

/**
 * "Edit patron" at the counter: the details as on the registration form, the type chosen from the
 * list (never left to a default), and an ID number only when one is being corrected.
 */
export function validatePatronEdit(fields: Partial<Record<EditField, string>>): CounterResult<PatronEdit> {
  const get = reader(fields);
  const problems: RegistrationProblem[] = [];
  const profile = checkProfile(get, problems);
  if (get('patron_type') === '') problems.push({ code: 'PATRON_TYPE_UNKNOWN', params: { types: PATRON_TYPES.join(', ') } });
  const formats = idFormatProblems(get);
  const typed = ID_DOCUMENT_ORDER.some((document) => get(document) !== '');
  const pin =
    typed && formats.length === 0
      ? defaultPinFrom({ hkid: get('hkid'), passport: get('passport'), mainland_id: get('mainland_id') })
      : undefined;
  if (pin && !pin.ok) problems.push({ code: pin.code });
  const all = [...counterProblems(problems), ...formats];
  if (all.length > 0) return { ok: false, problems: all };
  return {
    ok: true,
    value: {
      profile,
      id: pin?.ok
        ? {
            idDocument: pin.document,
            normalisedIdNumber: pin.normalisedNumber,
            defaultPin: pin.pin,
            warnings: pin.warnings.map((code) => ({ code })),
          }
        : null,
    },
  };
}
