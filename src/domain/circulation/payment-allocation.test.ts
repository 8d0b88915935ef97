import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateOldestFirst } from './payment-allocation.js';

const fines = [
  { fineId: 1, left: 1200 },
  { fineId: 2, left: 500 },
  { fineId: 3, left: 300 },
];

test('a partial payment goes to the oldest fine first', () => {
  assert.deepEqual(allocateOldestFirst(fines, 500), [{ fineId: 1, amount: 500 }]);
});

test('a payment larger than the oldest fine settles it and moves on to the next', () => {
  assert.deepEqual(allocateOldestFirst(fines, 1500), [
    { fineId: 1, amount: 1200 },
    { fineId: 2, amount: 300 },
  ]);
});

test('fines already settled are skipped, and a payment of everything settles everything', () => {
  assert.deepEqual(allocateOldestFirst([{ fineId: 1, left: 0 }, ...fines.slice(1)], 800), [
    { fineId: 2, amount: 500 },
    { fineId: 3, amount: 300 },
  ]);
});

test('the allocations never add up to more than was paid, nor to more than was owed', () => {
  for (const amount of [0, 1, 499, 1200, 1201, 2000, 5000]) {
    const total = allocateOldestFirst(fines, amount).reduce((sum, a) => sum + a.amount, 0);
    assert.equal(total, Math.min(amount, 2000), String(amount));
  }
});
