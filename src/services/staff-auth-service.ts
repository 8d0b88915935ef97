/**
 * Staff log in at /staff/login under the same one-minute block as patrons, keyed apart
 * ("staff:" and the username). An unknown or disabled account costs and answers the same
 * as a wrong password.
 */
import type { StaffRepo } from '../db/staff-repo.js';
import { normaliseUsername, staffAttemptKey, type StaffMember } from '../domain/staff.js';
import { refusalOf, type AttemptGate, type Refusal } from './attempt-gate.js';
import { dummyHashOf, type PinHasher } from './pin-hasher.js';

/** No password is longer than this; a longer one is not worth hashing. */
const PASSWORD_FIELD_MAX = 1000;

export type StaffLoginResult =
  | { kind: 'malformed'; errors: Array<{ field: 'username' | 'password'; code: 'USERNAME_MISSING' | 'USERNAME_MALFORMED' | 'PASSWORD_MISSING' | 'PASSWORD_MALFORMED' }> }
  | { kind: 'blocked'; refusal: Refusal }
  | { kind: 'incorrect' }
  | { kind: 'success'; staff: StaffMember };

export type StaffAuthService = ReturnType<typeof createStaffAuthService>;

export function createStaffAuthService(deps: { staff: StaffRepo; gate: AttemptGate; hasher: PinHasher }) {
  const { staff, gate, hasher } = deps;
  const dummyHash = dummyHashOf(hasher);

  return {
    async login(input: { username: string; password: string }, clientAddress: string | null): Promise<StaffLoginResult> {
      const errors: Extract<StaffLoginResult, { kind: 'malformed' }>['errors'] = [];
      const username = normaliseUsername(input.username);
      if (input.username.trim() === '') errors.push({ field: 'username', code: 'USERNAME_MISSING' });
      else if (!username) errors.push({ field: 'username', code: 'USERNAME_MALFORMED' });
      if (input.password === '') errors.push({ field: 'password', code: 'PASSWORD_MISSING' });
      else if (input.password.length > PASSWORD_FIELD_MAX) errors.push({ field: 'password', code: 'PASSWORD_MALFORMED' });
      if (!username || errors.length > 0) return { kind: 'malformed', errors };

      const fakeHash = await dummyHash();
      const member = staff.findByUsername(username);
      const verdict = await gate.verify(staffAttemptKey(username), clientAddress, async () => {
        const matches = await hasher.compare(input.password, member ? member.passwordHash : fakeHash);
        return matches && member !== undefined && member.disabledAt === null;
      });
      if (verdict.blocked) return { kind: 'blocked', refusal: refusalOf(verdict) };
      if (!verdict.ok || !member) return { kind: 'incorrect' };
      if (hasher.needsRehash(member.passwordHash)) {
        staff.upgradePasswordHash(member.id, member.passwordHash, await hasher.hash(input.password));
      }
      return { kind: 'success', staff: member };
    },
  };
}
