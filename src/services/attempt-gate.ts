/**
 * The door every PIN and password check passes through (pin-policy.md §6, and the defences
 * beyond it). Before anything is compared, one IMMEDIATE transaction looks at the key's
 * window, its failures in a row and the client address's window, and either records the
 * attempt as pending or refuses it (recorded as blocked). The attempt is settled after the
 * slow bcrypt comparison. Because check and record are one atomic step, taken before the
 * comparison, fifty concurrent attempts check at most five PINs, across processes too.
 */
import { immediately, type Db } from '../db/connection.js';
import type { AttemptOutcome, AttemptRepo } from '../db/attempt-repo.js';
import {
  decideLockout,
  isSuspended,
  windowStart,
  DEFAULT_HARD_LOCK_FAILURES,
  LIBRARY_LOCKOUT,
  type LockoutSettings,
} from '../domain/lockout/lockout-policy.js';
import type { Clock } from '../lib/clock.js';

/** Why an attempt was refused without a check. */
export type Refusal =
  | { reason: 'key' | 'address'; retryAfterSeconds: number }
  /** The hard limit: no time heals it; a reset of the PIN (or password) does. */
  | { reason: 'suspended' };

/** The refusal alone, without the `blocked` flag. */
export function refusalOf(decision: { blocked: true } & Refusal): Refusal {
  return decision.reason === 'suspended' ? { reason: 'suspended' } : { reason: decision.reason, retryAfterSeconds: decision.retryAfterSeconds };
}

export type VerifyResult = ({ blocked: true } & Refusal) | { blocked: false; ok: boolean };

export type GateDecision = ({ blocked: true } & Refusal) | { blocked: false; settle(outcome: AttemptOutcome): void };

export interface GateSettings {
  lockout: LockoutSettings;
  /** Failures from one client address across keys; null turns the rule off. */
  addressLockout: LockoutSettings | null;
  hardLockFailures: number;
}

export const DEFAULT_GATE_SETTINGS: GateSettings = {
  lockout: LIBRARY_LOCKOUT,
  addressLockout: { maxFailures: 50, windowMs: 10 * 60_000 },
  hardLockFailures: DEFAULT_HARD_LOCK_FAILURES,
};

export type AttemptGate = ReturnType<typeof createAttemptGate>;

export function createAttemptGate(deps: { db: Db; attempts: AttemptRepo; clock: Clock; settings?: GateSettings }) {
  const { db, attempts, clock } = deps;
  const { lockout, addressLockout, hardLockFailures } = deps.settings ?? DEFAULT_GATE_SETTINGS;

  /** Failures count from the start of the window, or from when staff last lifted a block, whichever is later. */
  function keyBlock(key: string, now: number) {
    const since = Math.max(windowStart(now, lockout), attempts.liftedAt(key) ?? -Infinity);
    return decideLockout(attempts.countingTimesSince(key, since), now, lockout);
  }

  function refusal(key: string, clientAddress: string | null, now: number): Refusal | undefined {
    if (isSuspended(attempts.failuresInARow(key), hardLockFailures)) return { reason: 'suspended' };
    const block = keyBlock(key, now);
    if (block.blocked) return { reason: 'key', retryAfterSeconds: block.retryAfterSeconds };
    if (addressLockout && clientAddress) {
      const times = attempts.countingTimesFromAddressSince(clientAddress, windowStart(now, addressLockout));
      const byAddress = decideLockout(times, now, addressLockout);
      if (byAddress.blocked) return { reason: 'address', retryAfterSeconds: byAddress.retryAfterSeconds };
    }
    return undefined;
  }

  /** Checks and records the attempt, as pending or as blocked: one atomic step. */
  function enter(key: string, clientAddress: string | null): GateDecision {
    return immediately(db, () => {
      const now = clock.now();
      const refused = refusal(key, clientAddress, now);
      if (refused) {
        attempts.recordBlocked(key, now, clientAddress);
        return { blocked: true, ...refused };
      }
      const attemptId = attempts.recordPending(key, now, clientAddress);
      const settle = (outcome: AttemptOutcome) =>
        immediately(db, () => {
          if (!attempts.decide(attemptId, outcome)) return;
          if (outcome === 'failure') attempts.extendStreak(key, clock.now());
          else attempts.endStreak(key);
        });
      return { blocked: false, settle };
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
    /** Whether the key is blocked now by its own window, without recording anything (for the counter's console). */
    status: (key: string) => keyBlock(key, clock.now()),
    /** Whether the key is suspended by the hard limit. */
    isSuspended: (key: string) => isSuspended(attempts.failuresInARow(key), hardLockFailures),
    /** Staff lift the block: failures until now stop counting. */
    lift: (key: string) => attempts.lift(key, clock.now()),
    /** The PIN or password was reset: the hard limit starts again from nothing. */
    clearSuspension: (key: string) => attempts.endStreak(key),
  };
}
