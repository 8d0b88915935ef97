import type { Locale } from '../shared/locale.js';

/**
 * What a member of staff may do in the console (docs/rules.md §8): each queue
 * has its role, and `admin` is every role plus the staff accounts and the audit log. An account
 * holds one role or several.
 */
export const STAFF_ROLES = ['circulation', 'acquisitions', 'ill', 'repository', 'facilities', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Whether the member may work where `role` is needed: with that role, or as an admin. */
export function hasRole(member: Pick<StaffMember, 'roles'>, role: StaffRole): boolean {
  return member.roles.includes('admin') || member.roles.includes(role);
}

export function isAdmin(member: Pick<StaffMember, 'roles'>): boolean {
  return member.roles.includes('admin');
}

export type RolesProblem = 'ROLE_MISSING' | 'ROLE_UNKNOWN';

/**
 * Roles as typed at the command line (`ill,circulation`) or ticked on the accounts page: each
 * known, at least one; repeats fold, and they come back in the order of STAFF_ROLES.
 */
export function parseRoles(values: readonly string[]): { ok: true; roles: StaffRole[] } | { ok: false; problem: RolesProblem } {
  const named = values
    .flatMap((value) => value.split(','))
    .map((role) => role.trim().toLowerCase())
    .filter((role) => role !== '');
  if (named.length === 0) return { ok: false, problem: 'ROLE_MISSING' };
  if (!named.every(isStaffRole)) return { ok: false, problem: 'ROLE_UNKNOWN' };
  return { ok: true, roles: STAFF_ROLES.filter((role) => named.includes(role)) };
}

export interface StaffMember {
  id: number;
  username: string;
  /** One or more, in the order of STAFF_ROLES. */
  roles: StaffRole[];
  passwordHash: string;
  passwordChangedAt: number;
  disabledAt: number | null;
  /** The language the console is shown in; null until known. */
  language: Locale | null;
  /** Where security alerts are mailed (admins), if anywhere. */
  email: string | null;
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

/** The username in a staff attempt key; undefined for a patron's barcode. */
export function usernameOfAttemptKey(key: string): string | undefined {
  return key.startsWith('staff:') ? key.slice('staff:'.length) : undefined;
}
