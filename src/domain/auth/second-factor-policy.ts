/**
 * Who must give a second factor at a staff login (OWASP ASVS level 2 asks it of accounts
 * that can change other people's records). STAFF_2FA says whose accounts must enrol: everyone's
 * (`required`, production's default), admins' only (`admins`), or nobody's (`off`, the default
 * elsewhere, so the published demo accounts log in in one step). An account that has a second
 * factor is always asked for it, whatever the setting: turning a setting down never weakens an
 * account someone chose to protect.
 */
import { isAdmin, type StaffMember } from '../staff/staff.js';

export const STAFF_2FA_SETTINGS = ['required', 'admins', 'off'] as const;
export type Staff2faSetting = (typeof STAFF_2FA_SETTINGS)[number];

/** After the password: `ask` for a code, `enrol` before anything else, or `none` (logged in). */
export type SecondStep = 'ask' | 'enrol' | 'none';

export function mustEnrol(setting: Staff2faSetting, member: Pick<StaffMember, 'roles'>): boolean {
  return setting === 'required' || (setting === 'admins' && isAdmin(member));
}

export function secondStepFor(setting: Staff2faSetting, member: Pick<StaffMember, 'roles'>, enrolled: boolean): SecondStep {
  if (enrolled) return 'ask';
  return mustEnrol(setting, member) ? 'enrol' : 'none';
}

/**
 * What a staff session still owes before any page, asked on every request: the setting, the roles
 * and the account's factor may all have changed since the login (a role raised to admin, a restart
 * with a stricter STAFF_2FA, a factor turned on in another browser). `factorOnSince`: when the
 * account's factor was turned on, null when it has none; `passed`: the same time for the factor
 * the session gave a code of, if any. A factor reset and set up again is a new one to give.
 */
export function stepStillDue(
  setting: Staff2faSetting,
  member: Pick<StaffMember, 'roles'>,
  factorOnSince: number | null,
  passed: number | undefined,
): SecondStep {
  const step = secondStepFor(setting, member, factorOnSince !== null);
  return step === 'ask' && passed === factorOnSince ? 'none' : step;
}
