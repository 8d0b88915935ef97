/**
 * The door every PIN check passes through (pin-policy.md §6). Before a PIN is compared,
 * one IMMEDIATE transaction reads the barcode's window and either records the attempt as
 * pending or refuses it as blocked. The attempt is later settled as success or failure.
 * Because the check and the record are one atomic step, taken before the slow bcrypt
 * comparison, fifty concurrent attempts check at most five PINs, across processes too.
 */
import { immediately, type Db } from '../db/connection.js';
import type { AttemptOutcome, AttemptRepo } from '../db/attempt-repo.js';
import { decideLockout, windowStart, LIBRARY_LOCKOUT, type LockoutSettings } from '../domain/lockout/lockout-policy.js';
import type { Clock } from '../lib/clock.js';

export type GateDecision =
  | { blocked: true; retryAfterSeconds: number }
  | { blocked: false; settle(outcome: AttemptOutcome): void };

export type AttemptGate = ReturnType<typeof createAttemptGate>;

export function createAttemptGate(deps: { db: Db; attempts: AttemptRepo; clock: Clock; lockout?: LockoutSettings }) {
  const { db, attempts, clock } = deps;
  const lockout = deps.lockout ?? LIBRARY_LOCKOUT;

  return {
    enter(barcode: string, clientAddress: string | null): GateDecision {
      return immediately(db, () => {
        const now = clock.now();
        const decision = decideLockout(attempts.countingTimesSince(barcode, windowStart(now, lockout)), now, lockout);
        if (decision.blocked) {
          attempts.recordBlocked(barcode, now, clientAddress);
          return decision;
        }
        const attemptId = attempts.recordPending(barcode, now, clientAddress);
        return { blocked: false, settle: (outcome: AttemptOutcome) => attempts.decide(attemptId, outcome) };
      });
    },
  };
}
