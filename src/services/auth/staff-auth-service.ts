/**
 * Staff log in at /staff/login under the same one-minute block as patrons, keyed apart
 * ("staff:" and the username). An unknown or disabled account costs and answers the same
 * as a wrong password. A browser that logs in is trusted for the account from then on (device
 * cookies: attempt-gate.ts; it never spares the second factor), and every login is written to
 * the audit log. When the account has a second factor, or must enrol one (STAFF_2FA), a right
 * password is only the first step (`secondStep`): the failure streak is not ended, the browser
 * not trusted and the login not audited until the second (second-factor-service.ts). Otherwise a
 * password and a few guessed codes a minute would end the streak at every round, for ever.
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import { normaliseUsername, staffAttemptKey, type StaffMember } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import type { SecondStep } from '../../domain/auth/second-factor-policy.js';
import { refusalOf, type AttemptGate, type Refusal } from './attempt-gate.js';
import { dummyHashOf, type PinHasher } from '../pin/pin-hasher.js';

/** No password is longer than this; a longer one is not worth hashing. */
const PASSWORD_FIELD_MAX = 1000;

export type StaffLoginResult =
  | {
      kind: 'malformed';
      errors: Array<{
        field: 'username' | 'password';
        code: 'USERNAME_MISSING' | 'USERNAME_MALFORMED' | 'PASSWORD_MISSING' | 'PASSWORD_MALFORMED';
      }>;
    }
  | { kind: 'blocked'; refusal: Refusal }
  | { kind: 'incorrect' }
  /** `device`: the id for the browser's device cookie, or null when device trust is off or a second step follows. */
  | { kind: 'success'; staff: StaffMember; device: string | null; secondStep: SecondStep };

export type StaffAuthService = ReturnType<typeof createStaffAuthService>;

export function createStaffAuthService(deps: {
  staff: StaffRepo;
  gate: AttemptGate;
  hasher: PinHasher;
  audit: AuditRepo;
  clock: Clock;
  /** What follows a right password for this member (the second factor service's answer); none when absent. */
  secondStepFor?: (member: StaffMember) => SecondStep;
}) {
  const { staff, gate, hasher, audit, clock } = deps;
  const secondStepFor = deps.secondStepFor ?? (() => 'none' as const);
  const dummyHash = dummyHashOf(hasher);

  return {
    /** `device`: the device id of the browser's signed cookie, if it sent one. */
    async login(input: { username: string; password: string }, clientAddress: string | null, device?: string): Promise<StaffLoginResult> {
      const errors: Extract<StaffLoginResult, { kind: 'malformed' }>['errors'] = [];
      const username = normaliseUsername(input.username);
      if (input.username.trim() === '') errors.push({ field: 'username', code: 'USERNAME_MISSING' });
      else if (!username) errors.push({ field: 'username', code: 'USERNAME_MALFORMED' });
      if (input.password === '') errors.push({ field: 'password', code: 'PASSWORD_MISSING' });
      else if (input.password.length > PASSWORD_FIELD_MAX) errors.push({ field: 'password', code: 'PASSWORD_MALFORMED' });
      if (!username || errors.length > 0) return { kind: 'malformed', errors };

      const fakeHash = await dummyHash();
      const member = staff.findByUsername(username);
      let secondStep = 'none' as SecondStep;
      const verdict = await gate.verify(
        staffAttemptKey(username),
        { clientAddress, device },
        async () => {
          const matches = await hasher.compare(input.password, member ? member.passwordHash : fakeHash);
          return matches && member !== undefined && member.disabledAt === null;
        },
        {
          isLast: () => {
            secondStep = member ? secondStepFor(member) : 'none';
            return secondStep === 'none';
          },
        },
      );
      if (verdict.blocked) return { kind: 'blocked', refusal: refusalOf(verdict) };
      if (!verdict.ok || !member) return { kind: 'incorrect' };
      if (hasher.needsRehash(member.passwordHash)) {
        staff.upgradePasswordHash(member.id, member.passwordHash, await hasher.hash(input.password));
      }
      if (secondStep !== 'none') return { kind: 'success', staff: member, device: null, secondStep };
      audit.record({ actor: 'staff', staffId: member.id, action: 'staff.logged-in', clientAddress }, clock.now());
      return { kind: 'success', staff: member, device: gate.trustDevice(staffAttemptKey(username), device), secondStep };
    },
  };
}
