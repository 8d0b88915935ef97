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

export type VerifyResult = { blocked: true; retryAfterSeconds: number } | { blocked: false; ok: boolean };

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

  /** Checks the window and records the attempt as pending, or as blocked: one atomic step. */
  function enter(key: string, clientAddress: string | null): GateDecision {
    return immediately(db, () => {
      const now = clock.now();
      const decision = decide(key, now);
      if (decision.blocked) {
        attempts.recordBlocked(key, now, clientAddress);
        return decision;
      }
      const attemptId = attempts.recordPending(key, now, clientAddress);
      return { blocked: false, settle: (outcome: AttemptOutcome) => attempts.decide(attemptId, outcome) };
    });
  }

  /**
   * Passes the gate, runs the slow comparison, and settles the attempt by its answer: the one
   * way a PIN or password is checked. A comparison that throws leaves the attempt pending,
   * which counts as a failure until it leaves the window.
   */
  async function verify(key: string, clientAddress: string | null, compare: () => Promise<boolean>): Promise<VerifyResult> {
    const decision = enter(key, clientAddress);
    if (decision.blocked) return decision;
    const ok = await compare();
    decision.settle(ok ? 'success' : 'failure');
    return { blocked: false, ok };
  }

  return {
    enter,
    verify,
    /** Whether the key is blocked now, without recording anything (for the counter's console). */
    status: (key: string) => decide(key, clock.now()),
    /** Staff lift the block: failures until now stop counting. */
    lift: (key: string) => attempts.lift(key, clock.now()),
  };
}
