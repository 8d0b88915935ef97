/**
 * The door every PIN and password check passes through (docs/rules.md §6, and the defences
 * beyond it). Before anything is compared, one IMMEDIATE transaction looks at the key's
 * window, its failures in a row and the client address's window, and either records the
 * attempt as pending or refuses it (recorded as blocked). The attempt is settled after the
 * slow bcrypt comparison. Because check and record are one atomic step, taken before the
 * comparison, fifty concurrent attempts check at most five PINs, across processes too.
 *
 * The same step decides whether the attempt comes from a browser trusted for the key (its signed
 * device cookie, domain/lockout/device-trust.ts): such an attempt is not stopped by the hard limit
 * that strangers' failures cause, and its failures are counted against the device's own budget.
 *
 * A sign-in of several factors (a staff password, then a code) passes the gate at each one, under
 * the same key. Only the last factor's success ends the streak (or the trusted device's count): a
 * right password that a code must follow is a success in the window, nothing more, so someone who
 * knows the password and guesses codes between logins still climbs towards the hard limit.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/engine/database.js';
import type { AttemptOutcome, AttemptRepo } from '../../db/auth/attempt-repo.js';
import { createTrustedDeviceRepo, type TrustedDeviceRepo } from '../../db/auth/trusted-device-repo.js';
import {
  decideLockout,
  isSuspended,
  windowStart,
  DEFAULT_HARD_LOCK_FAILURES,
  LIBRARY_LOCKOUT,
  type LockoutSettings,
} from '../../domain/auth/lockout-policy.js';
import {
  DEFAULT_DEVICE_MAX_FAILURES,
  hasSpentBudget,
  isTrustedDevice,
  stoppedByHardLimit,
  trustedUntil,
} from '../../domain/auth/device-trust.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/hash-token.js';
import type { SecuritySummaryRepo } from '../../db/auth/security-summary-repo.js';

/** Why an attempt was refused without a check. */
export type Refusal =
  | { reason: 'key' | 'address'; retryAfterSeconds: number }
  /** The hard limit, for browsers not trusted for the key: no time heals it; a reset of the PIN (or password) does. */
  | { reason: 'suspended' };

/** Where an attempt comes from. */
export interface AttemptSource {
  clientAddress: string | null;
  /** The device id of the browser's signed device cookie, when it sent a valid one. */
  device?: string | undefined;
}

/** The refusal alone, without the `blocked` flag. */
export function refusalOf(decision: { blocked: true } & Refusal): Refusal {
  return decision.reason === 'suspended'
    ? { reason: 'suspended' }
    : { reason: decision.reason, retryAfterSeconds: decision.retryAfterSeconds };
}

export type VerifyResult = ({ blocked: true } & Refusal) | { blocked: false; ok: boolean };

/**
 * How an attempt was settled. `not-last`: the secret was right but another factor must follow, so
 * nothing that a whole sign-in earns (the streak ended, the device's count cleared) happens yet.
 */
export type Settlement = AttemptOutcome | 'not-last';

export type GateDecision = ({ blocked: true } & Refusal) | { blocked: false; settle(outcome: Settlement): void };

export interface VerifyOptions {
  /**
   * Whether a right answer completes the sign-in (so when absent), or another factor must follow.
   * Asked only after a right answer, so a wrong one costs no more look-ups than before.
   */
  isLast?: () => boolean;
}

export interface GateSettings {
  lockout: LockoutSettings;
  /** Failures from one client address across keys; null turns the rule off. */
  addressLockout: LockoutSettings | null;
  hardLockFailures: number;
  /** Failures in a row a trusted device may make before it is trusted no more; 0 turns device trust off. */
  deviceMaxFailures: number;
}

export const DEFAULT_GATE_SETTINGS: GateSettings = {
  lockout: LIBRARY_LOCKOUT,
  addressLockout: { maxFailures: 50, windowMs: 10 * 60_000 },
  hardLockFailures: DEFAULT_HARD_LOCK_FAILURES,
  deviceMaxFailures: DEFAULT_DEVICE_MAX_FAILURES,
};

export type AttemptGate = ReturnType<typeof createAttemptGate>;

export function createAttemptGate(deps: {
  db: Database;
  attempts: AttemptRepo;
  devices?: TrustedDeviceRepo;
  clock: Clock;
  settings?: GateSettings;
  /** The per-minute summaries the security page reads, kept in the gate's own transactions. */
  summary?: SecuritySummaryRepo;
}) {
  const { attempts, clock, summary } = deps;
  const database = deps.db;
  // Without a repository given, the trusted_devices table of the same database.
  const devices = deps.devices ?? createTrustedDeviceRepo(database);
  const { lockout, addressLockout, hardLockFailures, deviceMaxFailures } = deps.settings ?? DEFAULT_GATE_SETTINGS;

  /** Failures count from the start of the window, or from when staff last lifted a block, whichever is later. */
  function countingTimes(key: string, now: number): number[] {
    return attempts.countingTimesSince(key, Math.max(windowStart(now, lockout), attempts.liftedAt(key) ?? -Infinity));
  }

  function keyBlock(key: string, now: number) {
    return decideLockout(countingTimes(key, now), now, lockout);
  }

  function refusal(key: string, clientAddress: string | null, now: number, trusted: boolean): Refusal | undefined {
    if (stoppedByHardLimit(attempts.failuresInARow(key), hardLockFailures, trusted)) return { reason: 'suspended' };
    const block = keyBlock(key, now);
    if (block.blocked) return { reason: 'key', retryAfterSeconds: block.retryAfterSeconds };
    if (addressLockout && clientAddress) {
      const times = attempts.countingTimesFromAddressSince(clientAddress, windowStart(now, addressLockout));
      const byAddress = decideLockout(times, now, addressLockout);
      if (byAddress.blocked) return { reason: 'address', retryAfterSeconds: byAddress.retryAfterSeconds };
    }
    return undefined;
  }

  /** The device's hash if the browser is trusted for the key now, else undefined. */
  function trustedDevice(key: string, device: string | undefined, now: number): string | undefined {
    if (device === undefined) return undefined;
    const deviceHash = sha256Hex(device);
    return isTrustedDevice(devices.find(deviceHash, key), now, deviceMaxFailures) ? deviceHash : undefined;
  }

  /**
   * The outcome goes to the trusted device's own count, or else to the key's streak. A trusted
   * success leaves the key's streak alone: strangers stay stopped while the patron logs in.
   */
  function settleOutcome(key: string, deviceHash: string | undefined, outcome: Settlement): void {
    // The device's pending count stays too: until the last factor, the attempt is not a success.
    if (outcome === 'not-last') return;
    if (deviceHash === undefined) {
      if (outcome === 'failure') attempts.extendStreak(key, clock.now());
      else attempts.endStreak(key);
    } else if (outcome === 'success') {
      devices.resetFailures(deviceHash, key);
    } else {
      const device = devices.find(deviceHash, key);
      if (device && hasSpentBudget(device.failures, deviceMaxFailures)) devices.forget(deviceHash, key);
    }
  }

  /**
   * Counts a settled attempt for the security page: the failure that fills the key's window is a
   * block begun, and the one that brings its streak to the hard limit a key stopped.
   */
  function summarise(key: string, clientAddress: string | null, deviceHash: string | undefined, outcome: AttemptOutcome): void {
    const now = clock.now();
    if (outcome === 'success') return summary!.success(now);
    summary!.failure(now, key, clientAddress);
    if (countingTimes(key, now).length === lockout.maxFailures) summary!.blockStarted(now);
    if (deviceHash === undefined && hardLockFailures > 0 && attempts.failuresInARow(key) === hardLockFailures) summary!.hardLimited(now);
  }

  /** Checks and records the attempt, as pending or as blocked: one atomic step. */
  function enter(key: string, from: AttemptSource): GateDecision {
    const { clientAddress } = from;
    return database.transaction(() => {
      const now = clock.now();
      const deviceHash = trustedDevice(key, from.device, now);
      const refused = refusal(key, clientAddress, now, deviceHash !== undefined);
      if (refused) {
        attempts.recordBlocked(key, now, clientAddress);
        summary?.refused(now);
        return { blocked: true, ...refused };
      }
      const attemptId = attempts.recordPending(key, now, clientAddress);
      // Counted as a failure of the device until it is settled, as pending attempts are in the window.
      if (deviceHash !== undefined) devices.countAttempt(deviceHash, key);
      const settle = (outcome: Settlement) =>
        database.transaction(() => {
          const recorded: AttemptOutcome = outcome === 'failure' ? 'failure' : 'success';
          if (!attempts.decide(attemptId, recorded)) return;
          settleOutcome(key, deviceHash, outcome);
          // A sign-in is counted once, at its last factor.
          if (summary && outcome !== 'not-last') summarise(key, clientAddress, deviceHash, recorded);
        });
      return { blocked: false, settle };
    });
  }

  /**
   * Passes the gate, runs the slow comparison, and settles the attempt by its answer: the one
   * way a PIN or password is checked. A comparison that throws leaves the attempt pending,
   * which counts as a failure until it leaves the window.
   */
  async function verify(
    key: string,
    from: AttemptSource,
    compare: () => Promise<boolean>,
    options: VerifyOptions = {},
  ): Promise<VerifyResult> {
    const decision = enter(key, from);
    if (decision.blocked) return decision;
    const ok = await compare();
    decision.settle(!ok ? 'failure' : options.isLast && !options.isLast() ? 'not-last' : 'success');
    return { blocked: false, ok };
  }

  /**
   * A browser that has just logged in on the key (every factor given) becomes trusted for it: returns the device id
   * for its cookie, or null when device trust is off. The id is new at every login, so a copy of
   * an older cookie stops working; the keys the browser was trusted for under its old id move with it.
   */
  function trustDevice(key: string, previous: string | undefined): string | null {
    if (deviceMaxFailures === 0) return null;
    const device = randomBytes(32).toString('base64url');
    database.transaction(() =>
      devices.trust(previous === undefined ? undefined : sha256Hex(previous), sha256Hex(device), key, trustedUntil(clock.now())),
    );
    return device;
  }

  return {
    enter,
    verify,
    trustDevice,
    /** Whether the key is blocked now by its own window, without recording anything (for the counter's console). */
    status: (key: string) => keyBlock(key, clock.now()),
    /** Whether the key is suspended by the hard limit (for browsers not trusted for it). */
    isSuspended: (key: string) => isSuspended(attempts.failuresInARow(key), hardLockFailures),
    /** Staff lift the block: failures until now stop counting. */
    lift: (key: string) => attempts.lift(key, clock.now()),
    /** The PIN or password was reset: the hard limit starts again from nothing. */
    clearSuspension: (key: string) => attempts.endStreak(key),
  };
}
