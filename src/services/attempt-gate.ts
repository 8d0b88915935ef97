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

  /** Failures count from the start of the window, or from when staff last lifted a block, whichever is later. */
  function decide(key: string, now: number) {
    const since = Math.max(windowStart(now, lockout), attempts.liftedAt(key) ?? -Infinity);
    return decideLockout(attempts.countingTimesSince(key, since), now, lockout);
  }

  return {
    /** Whether the key is blocked now, without recording anything (for the counter's console). */
    status(key: string) {
      return decide(key, clock.now());
    },

    /** Staff lift the block: failures until now stop counting. */
    lift(key: string): void {
      attempts.lift(key, clock.now());
    },

    enter(barcode: string, clientAddress: string | null): GateDecision {
      return immediately(db, () => {
        const now = clock.now();
        const decision = decide(barcode, now);
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
