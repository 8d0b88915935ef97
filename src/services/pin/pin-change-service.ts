/**
 * "Modify your PIN" (docs/rules.md §3, §5). The rules that need no PIN check are applied
 * first, so a form with a trivial PIN is refused without spending an attempt. The current
 * PIN is then checked through the attempt gate: a wrong one is a failed login attempt,
 * or the form would be an oracle for guessing PINs, and so is a new PIN equal to the
 * default PIN, or it would be an oracle for the ID number. A change retires every unused
 * reset link of the patron.
 */
import { currentPinHash, usesDefaultPin } from '../../domain/patrons/patron.js';
import { validateChosenPin } from '../../domain/pin/pin-policy.js';
import { normalisePin, type PinViolation } from '../../domain/pin/pin-rule.js';
import { loginPinError } from '../auth/auth-service.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { ResetTokenRepo } from '../../db/pin/reset-token-repo.js';
import type { Clock } from '../../lib/clock.js';
import { refusalOf, type AttemptGate, type Refusal } from '../auth/attempt-gate.js';
import type { PinHasher } from './pin-hasher.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { Database } from '../../db/engine/database.js';
import type { PatronNotices } from '../mail/patron-notices.js';

export interface PinChangeForm {
  currentPin: string;
  newPin: string;
  confirmPin: string;
}

export type PinFormViolation = PinViolation | { code: 'CURRENT_PIN_MISSING' | 'CURRENT_PIN_MALFORMED'; field: 'current_pin' };

export type PinChangeResult =
  | { kind: 'invalid'; violations: PinFormViolation[] }
  | { kind: 'blocked'; refusal: Refusal }
  | { kind: 'wrong-current-pin' }
  | { kind: 'changed'; changedAt: number };

export type PinChangeService = ReturnType<typeof createPinChangeService>;

export function createPinChangeService(deps: {
  db: Database;
  patrons: PatronRepo;
  tokens: ResetTokenRepo;
  audit: AuditRepo;
  notices: PatronNotices;
  gate: AttemptGate;
  hasher: PinHasher;
  clock: Clock;
  minPinLength: number;
  /** Common PINs to refuse; null when REFUSE_COMMON_PINS is off. */
  commonPins: ReadonlySet<string> | null;
  /** Ends every session of the patron: called once the new PIN is stored. */
  endSessionsOf(patronId: number): void;
}) {
  const { db, patrons, tokens, audit, notices, gate, hasher, clock, minPinLength } = deps;

  return {
    /** `device`: the device id of the browser's signed cookie, if it sent one (a trusted browser is not stopped by the hard limit). */
    async changePin(patronId: number, form: PinChangeForm, clientAddress: string | null, device?: string): Promise<PinChangeResult> {
      const patron = patrons.findById(patronId);
      if (!patron) throw new Error(`no patron ${patronId} for a PIN change`);

      const currentPinProblem = loginPinError(form.currentPin);
      const violations: PinFormViolation[] = [];
      if (currentPinProblem) {
        violations.push({
          code: currentPinProblem === 'PIN_MISSING' ? 'CURRENT_PIN_MISSING' : 'CURRENT_PIN_MALFORMED',
          field: 'current_pin',
        });
      }
      violations.push(
        ...validateChosenPin(form.newPin, {
          minLength: minPinLength,
          confirmation: form.confirmPin,
          currentPin: form.currentPin,
          ...(deps.commonPins ? { commonPins: deps.commonPins } : {}),
        }),
      );
      if (violations.length > 0) return { kind: 'invalid', violations };

      // Both secrets are compared inside one gated attempt: a new PIN equal to the default is a
      // failed attempt like a wrong current PIN, or the form would tell, as often as asked,
      // whether a guess is the start of the patron's ID number.
      const found: { newPinIsDefault?: boolean } = {};
      const verdict = await gate.verify(patron.barcode, { clientAddress, device }, async () => {
        if (!(await hasher.compare(normalisePin(form.currentPin), currentPinHash(patron)))) return false;
        // On the default PIN, "same as current" already covers "same as default".
        found.newPinIsDefault = !usesDefaultPin(patron) && (await hasher.compare(normalisePin(form.newPin), patron.defaultPinHash));
        return !found.newPinIsDefault;
      });
      if (verdict.blocked) return { kind: 'blocked', refusal: refusalOf(verdict) };
      if (found.newPinIsDefault) {
        return { kind: 'invalid', violations: validateChosenPin(form.newPin, { minLength: minPinLength, equalsDefaultPin: true }) };
      }
      if (!verdict.ok) return { kind: 'wrong-current-pin' };

      const newHash = await hasher.hash(normalisePin(form.newPin));
      const changedAt = clock.now();
      db.transaction(() => {
        patrons.setChosenPinHash(patron.id, newHash, changedAt);
        tokens.retireUnusedOf(patron.id, changedAt);
        audit.record({ actor: 'patron', patronId: patron.id, action: 'pin.changed', clientAddress }, changedAt);
        deps.endSessionsOf(patron.id);
      });
      notices.pinChanged(patron, changedAt);
      return { kind: 'changed', changedAt };
    },
  };
}
