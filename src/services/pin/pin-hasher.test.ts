import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBcryptHasher, withConcurrencyLimit, type CompareTiming, type PinHasher } from './pin-hasher.js';

test('no more than the allowed number of bcrypt operations run at once, and every one finishes', async () => {
  let running = 0;
  let most = 0;
  const slow: PinHasher = {
    async hash(pin) {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return `hashed:${pin}`;
    },
    compare: () => Promise.resolve(true),
    needsRehash: () => false,
  };
  const limited = withConcurrencyLimit(slow, 2);
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => limited.hash(String(i))));
  assert.equal(most, 2);
  assert.deepEqual(
    results,
    Array.from({ length: 10 }, (_, i) => `hashed:${i}`),
  );
});

test('a failing operation frees its slot', async () => {
  const failing: PinHasher = {
    hash: () => Promise.reject(new Error('boom')),
    compare: () => Promise.resolve(true),
    needsRehash: () => false,
  };
  const limited = withConcurrencyLimit(failing, 1);
  await assert.rejects(limited.hash('a'));
  await assert.rejects(limited.hash('b'));
  assert.equal(await limited.compare('a', 'b'), true);
});

/** A timer on which every comparison takes exactly 10 ms, and a record of every wait asked for. */
function fakeTiming(): CompareTiming & { waits: number[] } {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => (now += 10),
    wait: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

describe('equal comparison times when hashes are at different costs', () => {
  test('a compare against a cost-4 hash with BCRYPT_COST at 6 waits 3 times its measured duration, and still answers rightly', async () => {
    const old = await createBcryptHasher(4).hash('K7M2P9');
    const timing = fakeTiming();
    const hasher = createBcryptHasher(6, timing);
    assert.equal(await hasher.compare('K7M2P9', old), true);
    assert.equal(await hasher.compare('WRONG1', old), false);
    assert.deepEqual(timing.waits, [30, 30]);
  });

  test('a compare against a hash at BCRYPT_COST waits nothing', async () => {
    const timing = fakeTiming();
    const hasher = createBcryptHasher(4, timing);
    assert.equal(await hasher.compare('K7M2P9', await hasher.hash('K7M2P9')), true);
    assert.deepEqual(timing.waits, []);
  });

  test('once a hash dearer than BCRYPT_COST was compared (the cost was lowered), compares at BCRYPT_COST wait up to its cost', async () => {
    const dear = await createBcryptHasher(6).hash('K7M2P9');
    const timing = fakeTiming();
    const hasher = createBcryptHasher(4, timing);
    const dummy = await hasher.hash('no one knows this');
    assert.equal(await hasher.compare('WRONG1', dear), false);
    assert.deepEqual(timing.waits, [], 'the dear hash itself waits nothing');
    assert.equal(await hasher.compare('WRONG1', dummy), false);
    assert.deepEqual(timing.waits, [30]);
  });
});
