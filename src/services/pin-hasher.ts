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
