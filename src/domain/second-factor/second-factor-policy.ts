/**
 * Who must give a second factor at a staff login (issue 14; OWASP ASVS level 2 asks it of accounts
 * that can change other people's records). STAFF_2FA says whose accounts must enrol: everyone's
 * (`required`, production's default), admins' only (`admins`), or nobody's (`off`, the default
 * elsewhere, so the published demo accounts log in in one step). An account that has a second
 * factor is always asked for it, whatever the setting: turning a setting down never weakens an
 * account someone chose to protect.
 */
import { isAdmin, type StaffMember } from '../staff.js';

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
