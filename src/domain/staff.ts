import type { Locale } from './locale.js';

/** Members of staff who use the console at the circulation counter. */
export const STAFF_ROLES = ['circulation', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export interface StaffMember {
  id: number;
  username: string;
  role: StaffRole;
  passwordHash: string;
  passwordChangedAt: number;
  disabledAt: number | null;
  /** The language the console is shown in; null until known. */
  language: Locale | null;
}

/** Staff passwords: long enough to resist guessing; bcrypt reads no more than 72 bytes. */
export const STAFF_PASSWORD_MIN = 12;
export const STAFF_PASSWORD_MAX_BYTES = 72;

export type StaffPasswordProblem = 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG';

export function staffPasswordProblem(password: string): StaffPasswordProblem | undefined {
  if ([...password].length < STAFF_PASSWORD_MIN) return 'PASSWORD_TOO_SHORT';
  if (Buffer.byteLength(password, 'utf8') > STAFF_PASSWORD_MAX_BYTES) return 'PASSWORD_TOO_LONG';
  return undefined;
}

/** Usernames are compared in lower case: 2 to 64 letters, digits, dots, dashes or underscores. */
export function normaliseUsername(raw: string): string | undefined {
  const username = raw.trim().toLowerCase();
  return /^[a-z0-9._-]{2,64}$/.test(username) ? username : undefined;
}

/** The key under which a member of staff's login attempts are counted: apart from any barcode. */
export function staffAttemptKey(username: string): string {
  return `staff:${username}`;
}
