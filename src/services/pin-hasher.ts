import bcrypt from 'bcrypt';

/** Hashes and compares PINs. The bcrypt work runs on libuv's thread pool, never on the event loop. */
export interface PinHasher {
  hash(pin: string): Promise<string>;
  compare(pin: string, hash: string): Promise<boolean>;
}

export function createBcryptHasher(cost: number): PinHasher {
  return {
    hash: (pin) => bcrypt.hash(pin, cost),
    compare: (pin, hash) => bcrypt.compare(pin, hash),
  };
}
