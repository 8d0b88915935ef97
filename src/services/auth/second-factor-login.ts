/**
 * The second step of a staff login: an app's code, accepted once (its time step must be later than
 * the last one accepted, one conditional UPDATE, so a code seen over a shoulder or replayed by a
 * phishing page within its 90 seconds is refused), or else a recovery code, spent as it is used.
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { SecondFactorRepo } from '../../db/auth/second-factor-repo.js';
import { normaliseRecoveryCode, normaliseTotpCode } from '../../domain/auth/recovery-codes.js';
import type { StaffMember } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/hash-token.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { AttemptGate, AttemptSource } from './attempt-gate.js';
import { gatedCode, type CodeCheck } from './second-factor-code.js';
import { totpStepOf } from './totp.js';

export function createSecondFactorLogin(deps: {
  factors: SecondFactorRepo;
  gate: AttemptGate;
  audit: AuditRepo;
  clock: Clock;
  box: SecretBox;
}) {
  const { factors, gate, audit, clock, box } = deps;

  return {
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
      const result = await gatedCode(gate, member, source, () => {
        const row = factors.find(member.id);
        if (!row || row.confirmedAt === null) return false;
        onSince = row.confirmedAt;
        if (recovery !== undefined) return factors.spendRecoveryCode(member.id, sha256Hex(recovery), clock.now());
        const secret = box.open(row.secretSealed);
        const step = secret === undefined ? undefined : totpStepOf(member, secret, code!, clock.now());
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
  };
}
