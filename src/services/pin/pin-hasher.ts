import bcrypt from 'bcrypt';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** Hashes and compares PINs. The bcrypt work runs on libuv's thread pool, never on the event loop. */
export interface PinHasher {
  hash(pin: string): Promise<string>;
  compare(pin: string, hash: string): Promise<boolean>;
  /** True for a hash made at a lower cost than BCRYPT_COST now: replace it at the next success. */
  needsRehash(hash: string): boolean;
}

/** A monotonic timer and a way to wait: injected so that tests need no wall clock. */
export interface CompareTiming {
  now(): number;
  wait(ms: number): Promise<void>;
}

const realTiming: CompareTiming = { now: () => performance.now(), wait: (ms) => sleep(ms) };

/** The cost a bcrypt hash was made at, or undefined for something that is not one. */
function costOf(hash: string): number | undefined {
  try {
    return bcrypt.getRounds(hash);
  } catch {
    return undefined;
  }
}

/**
 * bcrypt at BCRYPT_COST. Every comparison takes as long as one at the dearest cost in use: an
 * unknown barcode is compared against a dummy hash at BCRYPT_COST, but a stored hash keeps the
 * cost it was made at until its next successful login, so after BCRYPT_COST is raised a known
 * barcode would answer 2^(difference) times faster. A cheaper comparison therefore waits on a
 * timer (no CPU) 2^(difference) - 1 times its own measured duration. When BCRYPT_COST was
 * lowered, hashes above it are never replaced and the dummy is the cheaper one: the first such
 * hash compared raises the cost every comparison is padded to, the dummy's included.
 */
export function createBcryptHasher(cost: number, timing: CompareTiming = realTiming): PinHasher {
  let padTo = cost;
  return {
    hash: (pin) => bcrypt.hash(pin, cost),
    async compare(pin, hash) {
      const rounds = costOf(hash) ?? padTo;
      padTo = Math.max(padTo, rounds);
      const started = timing.now();
      const matches = await bcrypt.compare(pin, hash);
      if (rounds < padTo) await timing.wait((timing.now() - started) * (2 ** (padTo - rounds) - 1));
      return matches;
    },
    needsRehash: (hash) => bcrypt.getRounds(hash) < cost,
  };
}

/**
 * A hash of nothing anyone knows, made once on first use: compared against when an account
 * does not exist, so that an unknown barcode or username costs the same as a wrong secret.
 */
export function dummyHashOf(hasher: PinHasher): () => Promise<string> {
  let hash: Promise<string> | undefined;
  return () => (hash ??= hasher.hash(randomUUID()));
}

/**
 * At most `slots` bcrypt operations at once; the rest wait their turn. With one per core,
 * a login storm cannot crowd the event loop off the CPU with more bcrypt threads than
 * there are cores, and no throughput is lost: the cores were the limit anyway. A padded
 * comparison keeps its slot while it waits, so it costs the capacity of one at the dearest
 * cost, which is what every comparison costs once all hashes are at that cost.
 */
export function withConcurrencyLimit(hasher: PinHasher, slots: number): PinHasher {
  let running = 0;
  const waiting: Array<() => void> = [];
  async function run<T>(work: () => Promise<T>): Promise<T> {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }
  return {
    hash: (pin) => run(() => hasher.hash(pin)),
    compare: (pin, hash) => run(() => hasher.compare(pin, hash)),
    needsRehash: (hash) => hasher.needsRehash(hash),
  };
}
