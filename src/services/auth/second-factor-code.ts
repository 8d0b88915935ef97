/**
 * Every code typed (at enrolment or at login, an app's code or a recovery code) passes the same
 * attempt gate as the password, under the same key: five wrong codes in a minute block the username
 * as five wrong passwords do, and only a right code ends the failure streak and trusts the browser.
 */
import { staffAttemptKey, type StaffMember } from '../../domain/staff/staff.js';
import { refusalOf, type AttemptGate, type AttemptSource, type Refusal } from './attempt-gate.js';

export type CodeCheck =
  /** Nothing that could be a code was typed (an app's code is six digits; a recovery code ten characters). */
  | { kind: 'malformed' }
  | { kind: 'blocked'; refusal: Refusal }
  /** Wrong, already used, or (at enrolment) the enrolment is no longer the one on the page. */
  | { kind: 'incorrect' };

/** A right code is the last factor: the browser is trusted from now on (`device`: its new id, or null when trust is off). */
export async function gatedCode(
  gate: AttemptGate,
  member: StaffMember,
  source: AttemptSource,
  check: () => boolean,
): Promise<CodeCheck | { kind: 'ok'; device: string | null }> {
  const key = staffAttemptKey(member.username);
  const verdict = await gate.verify(key, source, () => Promise.resolve(check()));
  if (verdict.blocked) return { kind: 'blocked', refusal: refusalOf(verdict) };
  return verdict.ok ? { kind: 'ok', device: gate.trustDevice(key, source.device) } : { kind: 'incorrect' };
}
