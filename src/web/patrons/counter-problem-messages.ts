/**
 * The counter's words for what is wrong on its patron forms (register, edit): written for a member
 * of staff with the patron and the card in front of them, unlike the patron file's line-by-line
 * report (problem-messages.ts). One key per code, so a code without words is a type error.
 */
import type { CounterProblem, CounterProblemCode, RegistrationField } from '../../domain/patrons/patron-registration.js';
import type { MessageKey, Translate } from '../../messages/index.js';

export const COUNTER_PROBLEM_MESSAGES: Record<CounterProblemCode, MessageKey> = {
  BARCODE_MISSING: 'staff.register.problem.BARCODE_MISSING',
  BARCODE_MALFORMED: 'staff.register.problem.BARCODE_MALFORMED',
  BARCODE_NO_DIGIT: 'staff.register.problem.BARCODE_NO_DIGIT',
  NAME_MISSING: 'staff.register.problem.NAME_MISSING',
  NAME_TOO_LONG: 'staff.register.problem.NAME_TOO_LONG',
  EMAIL_MALFORMED: 'staff.register.problem.EMAIL_MALFORMED',
  PATRON_TYPE_UNKNOWN: 'staff.register.problem.PATRON_TYPE_UNKNOWN',
  EXPIRY_MALFORMED: 'staff.register.problem.EXPIRY_MALFORMED',
  EXPIRY_MISSING: 'staff.register.problem.EXPIRY_MISSING',
  ID_MISSING: 'staff.register.problem.ID_MISSING',
  ID_TOO_SHORT: 'staff.register.problem.ID_TOO_SHORT',
  HKID_MALFORMED: 'staff.register.problem.HKID_MALFORMED',
  PASSPORT_MALFORMED: 'staff.register.problem.PASSPORT_MALFORMED',
  MAINLAND_ID_MALFORMED: 'staff.register.problem.MAINLAND_ID_MALFORMED',
};

/** The field each problem is shown next to; "document" is the ID field the problem names. */
const FIELD_OF: Record<CounterProblemCode, RegistrationField | 'document'> = {
  BARCODE_MISSING: 'barcode',
  BARCODE_MALFORMED: 'barcode',
  BARCODE_NO_DIGIT: 'barcode',
  NAME_MISSING: 'name',
  NAME_TOO_LONG: 'name',
  EMAIL_MALFORMED: 'email',
  PATRON_TYPE_UNKNOWN: 'patron_type',
  EXPIRY_MALFORMED: 'expiry_date',
  EXPIRY_MISSING: 'expiry_date',
  ID_MISSING: 'hkid',
  ID_TOO_SHORT: 'document',
  HKID_MALFORMED: 'hkid',
  PASSPORT_MALFORMED: 'passport',
  MAINLAND_ID_MALFORMED: 'mainland_id',
};

function fieldOf(problem: CounterProblem): RegistrationField {
  const field = FIELD_OF[problem.code];
  if (field !== 'document') return field;
  const document = problem.params?.document;
  return document === 'passport' || document === 'mainland_id' ? document : 'hkid';
}

/**
 * Each problem in words, next to its field, the fields in the order the form shows them (so the
 * alert's list at the top reads in the same order as the form).
 */
export function counterFieldErrors(
  problems: readonly CounterProblem[],
  t: Translate,
  formOrder: readonly RegistrationField[],
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const field of formOrder) {
    const messages = problems
      .filter((problem) => fieldOf(problem) === field)
      .map((problem) => t(COUNTER_PROBLEM_MESSAGES[problem.code], problem.params));
    if (messages.length > 0) errors[field] = messages;
  }
  return errors;
}
