import bcrypt from 'bcrypt';
import { randomUUID } from 'node:crypto';

/** Hashes and compares PINs. The bcrypt work runs on libuv's thread pool, never on the event loop. */
export interface PinHasher {
  hash(pin: string): Promise<string>;
  compare(pin: string, hash: string): Promise<boolean>;
  /** True for a hash made at a lower cost than BCRYPT_COST now: replace it at the next success. */
  needsRehash(hash: string): boolean;
}

export function createBcryptHasher(cost: number): PinHasher {
  return {
    hash: (pin) => bcrypt.hash(pin, cost),
    compare: (pin, hash) => bcrypt.compare(pin, hash),
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
 * there are cores, and no throughput is lost: the cores were the limit anyway.
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
