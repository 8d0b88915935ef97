/**
 * Staff accounts: added from the command line (the first admin) or by an admin in the
 * console, with one role or several; given other roles, disabled, enabled, or a new password by
 * an admin, who may also lift the hard
 * limit that failures in a row put on an account. Every change is audited; disabling or a new
 * password ends the account's sessions.
 */
import type { Database } from '../../db/engine/database.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import {
  isAdmin,
  normaliseUsername,
  parseRoles,
  staffAttemptKey,
  staffPasswordProblem,
  type RolesProblem,
  type StaffMember,
} from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import type { PinHasher } from '../pin/pin-hasher.js';
import { isEmailAddress } from '../../domain/shared/email-address.js';

export type StaffAccountProblem =
  | { field: 'username'; code: 'USERNAME_MALFORMED' | 'USERNAME_TAKEN' }
  | { field: 'roles'; code: RolesProblem | 'ROLES_OWN_ADMIN' }
  | { field: 'password'; code: 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' }
  | { field: 'email'; code: 'EMAIL_MALFORMED' };

/** Who acts: an admin in the console, or the command line (no one signed in). */
export type StaffActor = { staffId: number; clientAddress: string | null } | { commandLine: true };

export type StaffAccountService = ReturnType<typeof createStaffAccountService>;

export function createStaffAccountService(deps: {
  db: Database;
  staff: StaffRepo;
  audit: AuditRepo;
  hasher: PinHasher;
  clock: Clock;
  endStaffSessionsOf(staffId: number): void;
  /** A new password, or an admin lifting it, ends a hard-limit suspension of the account. */
  clearSuspension(key: string): void;
  isSuspended(key: string): boolean;
}) {
  const { db, staff, audit, hasher, clock } = deps;

  function record(
    by: StaffActor,
    action:
      | 'staff.added'
      | 'staff.disabled'
      | 'staff.enabled'
      | 'staff.password-reset'
      | 'staff.suspension-lifted'
      | 'staff.roles-changed'
      | 'staff.email-changed',
    target: StaffMember | string,
  ) {
    const detail = typeof target === 'string' ? target : target.username;
    if ('commandLine' in by) audit.record({ actor: 'system', action, detail }, clock.now());
    else audit.record({ actor: 'staff', staffId: by.staffId, action, clientAddress: by.clientAddress, detail }, clock.now());
  }

  return {
    /** `roles`: one or more role names, each string possibly a comma list (`ill,circulation`). */
    async add(
      input: { username: string; roles: readonly string[]; password: string; email?: string },
      by: StaffActor,
    ): Promise<{ ok: true; staff: StaffMember } | { ok: false; problems: StaffAccountProblem[] }> {
      const problems: StaffAccountProblem[] = [];
      const username = normaliseUsername(input.username);
      if (!username) problems.push({ field: 'username', code: 'USERNAME_MALFORMED' });
      else if (staff.findByUsername(username)) problems.push({ field: 'username', code: 'USERNAME_TAKEN' });
      const roles = parseRoles(input.roles);
      if (!roles.ok) problems.push({ field: 'roles', code: roles.problem });
      const passwordProblem = staffPasswordProblem(input.password);
      if (passwordProblem) problems.push({ field: 'password', code: passwordProblem });
      const email = input.email?.trim() ?? '';
      if (email !== '' && !isEmailAddress(email)) problems.push({ field: 'email', code: 'EMAIL_MALFORMED' });
      if (!username || !roles.ok || problems.length > 0) return { ok: false, problems };

      const hash = await hasher.hash(input.password);
      return db.transaction(() => {
        // Checked again under the write lock: two admins adding the same name at once.
        if (staff.findByUsername(username))
          return { ok: false as const, problems: [{ field: 'username' as const, code: 'USERNAME_TAKEN' as const }] };
        const id = staff.insert(username, roles.roles, hash, clock.now());
        if (email !== '') staff.setEmail(id, email);
        record(by, 'staff.added', `${username} (${roles.roles.join(', ')})`);
        return { ok: true as const, staff: staff.findById(id)! };
      });
    },

    /**
     * Gives the account these roles instead of its own. An admin cannot take the admin role from
     * himself (so there is always one admin, and nobody locks himself out of this page).
     */
    setRoles(
      target: StaffMember,
      values: readonly string[],
      by: StaffActor,
    ): { ok: true; changed: boolean } | { ok: false; problems: StaffAccountProblem[] } {
      const roles = parseRoles(values);
      if (!roles.ok) return { ok: false, problems: [{ field: 'roles', code: roles.problem }] };
      if ('staffId' in by && by.staffId === target.id && isAdmin(target) && !roles.roles.includes('admin')) {
        return { ok: false, problems: [{ field: 'roles', code: 'ROLES_OWN_ADMIN' }] };
      }
      if (roles.roles.join(',') === target.roles.join(',')) return { ok: true, changed: false };
      db.transaction(() => {
        staff.setRoles(target.id, roles.roles);
        record(by, 'staff.roles-changed', `${target.username}: ${target.roles.join(', ')} → ${roles.roles.join(', ')}`);
      });
      return { ok: true, changed: true };
    },

    setDisabled(target: StaffMember, disabled: boolean, by: StaffActor): void {
      db.transaction(() => {
        staff.setDisabled(target.id, disabled ? clock.now() : null);
        record(by, disabled ? 'staff.disabled' : 'staff.enabled', target);
      });
      if (disabled) deps.endStaffSessionsOf(target.id);
    },

    /** Whether the account's login is stopped by the hard limit (for browsers not trusted for it). */
    isSuspended(target: StaffMember): boolean {
      return deps.isSuspended(staffAttemptKey(target.username));
    },

    /** Lets the account log in again from anywhere; audited only when it was stopped. Returns whether it was. */
    liftSuspension(target: StaffMember, by: StaffActor): boolean {
      const key = staffAttemptKey(target.username);
      return db.transaction(() => {
        if (!deps.isSuspended(key)) return false;
        deps.clearSuspension(key);
        record(by, 'staff.suspension-lifted', target);
        return true;
      });
    },

    /** The account's address for alerts; empty removes it. */
    setEmail(target: StaffMember, typed: string, by: StaffActor): { ok: true } | { ok: false; problems: StaffAccountProblem[] } {
      const email = typed.trim();
      if (email !== '' && !isEmailAddress(email)) return { ok: false, problems: [{ field: 'email', code: 'EMAIL_MALFORMED' }] };
      staff.setEmail(target.id, email === '' ? null : email);
      record(by, 'staff.email-changed', target);
      return { ok: true };
    },

    async resetPassword(
      target: StaffMember,
      password: string,
      by: StaffActor,
    ): Promise<{ ok: true } | { ok: false; problems: StaffAccountProblem[] }> {
      const problem = staffPasswordProblem(password);
      if (problem) return { ok: false, problems: [{ field: 'password', code: problem }] };
      const hash = await hasher.hash(password);
      db.transaction(() => {
        staff.setPassword(target.id, hash, clock.now());
        deps.clearSuspension(staffAttemptKey(target.username));
        record(by, 'staff.password-reset', target);
      });
      deps.endStaffSessionsOf(target.id);
      return { ok: true };
    },
  };
}
