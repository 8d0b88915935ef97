/**
 * Turning the second factor on: a secret waiting for its first code from the app, then that code,
 * which turns the factor on and answers the ten single-use recovery codes (kept only as hashes).
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { SecondFactorRepo } from '../../db/auth/second-factor-repo.js';
import { RECOVERY_CODE_COUNT, newRecoveryCode, normaliseRecoveryCode, normaliseTotpCode } from '../../domain/auth/recovery-codes.js';
import type { StaffMember } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/hash-token.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { AttemptGate, AttemptSource } from './attempt-gate.js';
import { gatedCode, type CodeCheck } from './second-factor-code.js';
import { newTotpSecret, totpStepOf, totpUri } from './totp.js';

export type Enrolment = { kind: 'on' } | { kind: 'pending'; secret: string; uri: string };

export function createSecondFactorEnrolment(deps: {
  factors: SecondFactorRepo;
  gate: AttemptGate;
  audit: AuditRepo;
  clock: Clock;
  box: SecretBox;
}) {
  const { factors, gate, audit, clock, box } = deps;

  /** The pending secret in the clear, if there is one this APP_SECRET can open. */
  function pendingSecret(staffId: number): { sealed: string; secret: string } | undefined {
    const row = factors.find(staffId);
    if (!row || row.confirmedAt !== null) return undefined;
    const secret = box.open(row.secretSealed);
    return secret === undefined ? undefined : { sealed: row.secretSealed, secret };
  }

  return {
    /**
     * The enrolment page: the secret waiting for its first code (the same one on every reload, so a
     * member who scanned it and reloads is not left with a stale entry in the app), a new one if none
     * waits, or `on` when the second factor is already on.
     */
    enrolment(member: StaffMember): Enrolment {
      if (factors.isOn(member.id)) return { kind: 'on' };
      let pending = pendingSecret(member.id);
      if (!pending) {
        factors.savePending(member.id, box.seal(newTotpSecret()), clock.now());
        pending = pendingSecret(member.id);
        if (!pending) return { kind: 'on' };
      }
      return { kind: 'pending', secret: pending.secret, uri: totpUri(member, pending.secret) };
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
      const result = await gatedCode(gate, member, source, () => {
        const pending = pendingSecret(member.id);
        const step = pending && totpStepOf(member, pending.secret, code, clock.now());
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
  };
}
