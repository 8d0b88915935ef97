/**
 * The words for the problems that both the staff console and the `myrecord` command report: the
 * lines of a patron or catalogue file (the counter's patron forms have words of their own, for
 * staff: counter-problem-messages.ts), and a staff account refused. One key per code, so a code
 * without words is a type error.
 */
import type { MessageKey } from '../../messages/index.js';
import type { CatalogueImportProblemCode } from '../../services/catalogue/catalogue-service.js';
import type { PatronImportProblemCode } from '../../services/patrons/patron-import-service.js';
import type { StaffAccountProblem } from '../../services/staff/staff-account-service.js';

export type ImportProblemCode = PatronImportProblemCode | CatalogueImportProblemCode;

export const IMPORT_PROBLEM_MESSAGES: Record<ImportProblemCode, MessageKey> = {
  HEADER_MISSING: 'import.HEADER_MISSING',
  HEADER_COLUMN_MISSING: 'import.HEADER_COLUMN_MISSING',
  HEADER_UNKNOWN_COLUMN: 'import.HEADER_UNKNOWN_COLUMN',
  HEADER_DUPLICATE_COLUMN: 'import.HEADER_DUPLICATE_COLUMN',
  CSV_UNTERMINATED_QUOTE: 'import.CSV_UNTERMINATED_QUOTE',
  ROW_COLUMN_COUNT: 'import.ROW_COLUMN_COUNT',
  BARCODE_MISSING: 'import.BARCODE_MISSING',
  BARCODE_MALFORMED: 'import.BARCODE_MALFORMED',
  BARCODE_DUPLICATE: 'import.BARCODE_DUPLICATE',
  NAME_MISSING: 'import.NAME_MISSING',
  NAME_TOO_LONG: 'import.NAME_TOO_LONG',
  EMAIL_MALFORMED: 'import.EMAIL_MALFORMED',
  ID_MISSING: 'import.ID_MISSING',
  ID_TOO_SHORT: 'import.ID_TOO_SHORT',
  PATRON_TYPE_UNKNOWN: 'import.PATRON_TYPE_UNKNOWN',
  EXPIRY_MALFORMED: 'import.EXPIRY_MALFORMED',
  ISBN_INVALID: 'import.ISBN_INVALID',
  FIELD_MISSING: 'import.FIELD_MISSING',
  FIELD_TOO_LONG: 'import.FIELD_TOO_LONG',
  YEAR_INVALID: 'import.YEAR_INVALID',
  ITEM_BARCODE_INVALID: 'import.ITEM_BARCODE_INVALID',
  ISBN_TITLE_CONFLICT: 'import.ISBN_TITLE_CONFLICT',
  ITEM_BARCODE_DUPLICATE: 'import.ITEM_BARCODE_DUPLICATE',
  HKID_CHECK_DIGIT: 'import.HKID_CHECK_DIGIT',
};

export const STAFF_ACCOUNT_PROBLEM_MESSAGES: Record<StaffAccountProblem['code'], MessageKey> = {
  USERNAME_MALFORMED: 'staff.account.USERNAME_MALFORMED',
  USERNAME_TAKEN: 'staff.account.USERNAME_TAKEN',
  EMAIL_MALFORMED: 'staff.account.EMAIL_MALFORMED',
  ROLE_UNKNOWN: 'staff.account.ROLE_UNKNOWN',
  ROLE_MISSING: 'staff.account.ROLE_MISSING',
  ROLES_OWN_ADMIN: 'staff.account.ROLES_OWN_ADMIN',
  PASSWORD_TOO_SHORT: 'staff.account.PASSWORD_TOO_SHORT',
  PASSWORD_TOO_LONG: 'staff.account.PASSWORD_TOO_LONG',
};
