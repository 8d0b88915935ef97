import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withConcurrencyLimit, type PinHasher } from './pin-hasher.js';

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
    compare: async () => true,
    needsRehash: () => false,
  };
  const limited = withConcurrencyLimit(slow, 2);
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => limited.hash(String(i))));
  assert.equal(most, 2);
  assert.deepEqual(results, Array.from({ length: 10 }, (_, i) => `hashed:${i}`));
});

test('a failing operation frees its slot', async () => {
  const failing: PinHasher = { hash: () => Promise.reject(new Error('boom')), compare: async () => true, needsRehash: () => false };
  const limited = withConcurrencyLimit(failing, 1);
  await assert.rejects(limited.hash('a'));
  await assert.rejects(limited.hash('b'));
  assert.equal(await limited.compare('a', 'b'), true);
});
