/**
 * Staff two-factor sign-in: TOTP (RFC 6238: SHA-1, 30-second steps, 6 digits; the otpauth
 * library) with ten single-use recovery codes. Every code typed (at enrolment or at login, an app's
 * code or a recovery code) passes the same attempt gate as the password, under the same key, so five
 * wrong codes in a minute block the username as five wrong passwords do. A code is accepted once:
 * the step it belongs to must be later than the last one accepted (one conditional UPDATE), so a
 * code seen over a shoulder or replayed by a phishing page within its 90 seconds is refused.
 * A wrong code extends the username's failure streak towards its hard limit as a wrong password
 * does; only a right code ends it and makes the browser trusted (the password step does neither).
 */
import * as OTPAuth from 'otpauth';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { SecondFactorRepo } from '../../db/auth/second-factor-repo.js';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import { RECOVERY_CODE_COUNT, newRecoveryCode, normaliseRecoveryCode, normaliseTotpCode } from '../../domain/auth/recovery-codes.js';
import { secondStepFor, stepStillDue, type SecondStep, type Staff2faSetting } from '../../domain/auth/second-factor-policy.js';
import { normaliseUsername, staffAttemptKey, type StaffMember } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/hash-token.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { refusalOf, type AttemptGate, type AttemptSource, type Refusal } from './attempt-gate.js';

const PERIOD_SECONDS = 30;
/** A code of the step before or after now is accepted too: phones' clocks drift, and typing takes time. */
const WINDOW_STEPS = 1;
const ISSUER = 'myRecord';

export type CodeCheck =
  /** Nothing that could be a code was typed (an app's code is six digits; a recovery code ten characters). */
  | { kind: 'malformed' }
  | { kind: 'blocked'; refusal: Refusal }
  /** Wrong, already used, or (at enrolment) the enrolment is no longer the one on the page. */
  | { kind: 'incorrect' };

export type Enrolment = { kind: 'on' } | { kind: 'pending'; secret: string; uri: string };

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

  const totpOf = (member: StaffMember, secret: string) =>
    new OTPAuth.TOTP({
      issuer: ISSUER,
      label: member.username,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD_SECONDS,
      secret: OTPAuth.Secret.fromBase32(secret),
    });

  /** The time step the code belongs to, if it is a right code now. */
  function stepOf(member: StaffMember, secret: string, code: string): number | undefined {
    const timestamp = clock.now();
    const delta = totpOf(member, secret).validate({ token: code, timestamp, window: WINDOW_STEPS });
    return delta === null ? undefined : OTPAuth.TOTP.counter({ period: PERIOD_SECONDS, timestamp }) + delta;
  }

  /** The pending secret in the clear, if there is one this APP_SECRET can open. */
  function pendingSecret(staffId: number): { sealed: string; secret: string } | undefined {
    const row = factors.find(staffId);
    if (!row || row.confirmedAt !== null) return undefined;
    const secret = box.open(row.secretSealed);
    return secret === undefined ? undefined : { sealed: row.secretSealed, secret };
  }

  /** A right code is the last factor: the browser is trusted from now on (`device`: its new id, or null when trust is off). */
  async function gated(
    member: StaffMember,
    source: AttemptSource,
    check: () => boolean,
  ): Promise<CodeCheck | { kind: 'ok'; device: string | null }> {
    const key = staffAttemptKey(member.username);
    const verdict = await gate.verify(key, source, () => Promise.resolve(check()));
    if (verdict.blocked) return { kind: 'blocked', refusal: refusalOf(verdict) };
    return verdict.ok ? { kind: 'ok', device: gate.trustDevice(key, source.device) } : { kind: 'incorrect' };
  }

  return {
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

    /**
     * The enrolment page: the secret waiting for its first code (the same one on every reload, so a
     * member who scanned it and reloads is not left with a stale entry in the app), a new one if none
     * waits, or `on` when the second factor is already on.
     */
    enrolment(member: StaffMember): Enrolment {
      if (factors.isOn(member.id)) return { kind: 'on' };
      let pending = pendingSecret(member.id);
      if (!pending) {
        const secret = new OTPAuth.Secret({ size: 20 }).base32;
        factors.savePending(member.id, box.seal(secret), clock.now());
        pending = pendingSecret(member.id);
        if (!pending) return { kind: 'on' };
      }
      return { kind: 'pending', secret: pending.secret, uri: totpOf(member, pending.secret).toString() };
    },

    /** The first code from the app turns the second factor on and answers the ten recovery codes, shown once. */
    async confirm(
      member: StaffMember,
      typed: string,
      source: AttemptSource,
    ): Promise<CodeCheck | { kind: 'on'; recoveryCodes: string[]; device: string | null; onSince: number }> {
      const code = normaliseTotpCode(typed);
      if (!code) return { kind: 'malformed' };
      const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      const onSince = clock.now();
      const result = await gated(member, source, () => {
        const pending = pendingSecret(member.id);
        const step = pending && stepOf(member, pending.secret, code);
        if (!pending || step === undefined) return false;
        return factors.confirm(
          member.id,
          pending.sealed,
          step,
          recoveryCodes.map((c) => sha256Hex(normaliseRecoveryCode(c)!)),
          onSince,
        );
      });
      if (result.kind !== 'ok') return result;
      audit.record(
        { actor: 'staff', staffId: member.id, action: 'staff.second-factor-on', clientAddress: source.clientAddress },
        clock.now(),
      );
      return { kind: 'on', recoveryCodes, device: result.device, onSince };
    },

    /**
     * The second step of a login: an app's code, or else a recovery code. `recoveryCodesLeft` is
     * answered when a recovery code was spent, so the page can say how many remain.
     */
    async verify(
      member: StaffMember,
      typed: { code: string; recoveryCode: string },
      source: AttemptSource,
    ): Promise<CodeCheck | { kind: 'ok'; device: string | null; onSince: number; recoveryCodesLeft?: number }> {
      const code = typed.code.trim() === '' ? undefined : normaliseTotpCode(typed.code);
      const recovery = code === undefined && typed.recoveryCode.trim() !== '' ? normaliseRecoveryCode(typed.recoveryCode) : undefined;
      if (code === undefined && recovery === undefined) return { kind: 'malformed' };
      let onSince = 0;
      const result = await gated(member, source, () => {
        const row = factors.find(member.id);
        if (!row || row.confirmedAt === null) return false;
        onSince = row.confirmedAt;
        if (recovery !== undefined) return factors.spendRecoveryCode(member.id, sha256Hex(recovery), clock.now());
        const secret = box.open(row.secretSealed);
        const step = secret === undefined ? undefined : stepOf(member, secret, code!);
        return step !== undefined && factors.acceptStep(member.id, step);
      });
      if (result.kind !== 'ok') return result;
      const detail = recovery !== undefined ? 'recovery code' : 'second factor';
      audit.record(
        { actor: 'staff', staffId: member.id, action: 'staff.logged-in', clientAddress: source.clientAddress, detail },
        clock.now(),
      );
      if (recovery === undefined) return { kind: 'ok', device: result.device, onSince };
      audit.record(
        { actor: 'staff', staffId: member.id, action: 'staff.recovery-code-used', clientAddress: source.clientAddress },
        clock.now(),
      );
      return { kind: 'ok', device: result.device, onSince, recoveryCodesLeft: factors.unusedRecoveryCodes(member.id) };
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
