/**
 * Staff two-factor sign-in: TOTP (totp.ts) with ten single-use recovery codes. Turning it on is
 * second-factor-enrolment.ts, the login's second step second-factor-login.ts; every code typed passes
 * the password's attempt gate under the same key (second-factor-code.ts). Here: what the policy
 * (STAFF_2FA) asks of a member after the password and on every request, and an admin's reset.
 * A wrong code extends the username's failure streak towards its hard limit as a wrong password
 * does; only a right code ends it and makes the browser trusted (the password step does neither).
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { SecondFactorRepo } from '../../db/auth/second-factor-repo.js';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import { secondStepFor, stepStillDue, type SecondStep, type Staff2faSetting } from '../../domain/auth/second-factor-policy.js';
import { normaliseUsername, type StaffMember } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { AttemptGate } from './attempt-gate.js';
import { createSecondFactorEnrolment } from './second-factor-enrolment.js';
import { createSecondFactorLogin } from './second-factor-login.js';

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;

export function createSecondFactorService(deps: {
  factors: SecondFactorRepo;
  staff: StaffRepo;
  gate: AttemptGate;
  audit: AuditRepo;
  clock: Clock;
  box: SecretBox;
  setting: Staff2faSetting;
}) {
  const { factors, staff, gate, audit, clock, box, setting } = deps;

  return {
    ...createSecondFactorEnrolment({ factors, gate, audit, clock, box }),
    ...createSecondFactorLogin({ factors, gate, audit, clock, box }),

    /** After a right password: ask for a code, make the member enrol first, or nothing more. */
    secondStepFor(member: StaffMember): SecondStep {
      return secondStepFor(setting, member, factors.isOn(member.id));
    },

    /**
     * On every staff request: what the session must still give (`passed`: when the factor it gave a
     * code of was turned on, if it gave one). See stepStillDue.
     */
    stepDue(member: StaffMember, passed: number | undefined): SecondStep {
      return stepStillDue(setting, member, factors.find(member.id)?.confirmedAt ?? null, passed);
    },

    /** Accounts with the second factor on, for the accounts page. */
    staffIdsWithSecondFactor(): Set<number> {
      return factors.confirmedStaffIds();
    },

    /** An admin's reset of a colleague's second factor (audited): the account enrols again at its next login. */
    reset(
      admin: StaffMember,
      username: string,
      clientAddress: string | null,
    ): { kind: 'reset'; member: StaffMember } | { kind: 'unknown' } | { kind: 'not-on'; member: StaffMember } {
      const name = normaliseUsername(username);
      const member = name ? staff.findByUsername(name) : undefined;
      if (!member) return { kind: 'unknown' };
      if (!factors.reset(member.id)) return { kind: 'not-on', member };
      audit.record(
        { actor: 'staff', staffId: admin.id, action: 'staff.second-factor-reset', clientAddress, detail: member.username },
        clock.now(),
      );
      return { kind: 'reset', member };
    },
  };
}
