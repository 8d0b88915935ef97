import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideLockout, isBlocked, retryAfterSeconds } from './lockout-policy.js';

const t0 = 1_700_000_000_000;

test('four failures in a minute do not block', () => {
  assert.deepEqual(decideLockout([t0, t0 + 1, t0 + 2, t0 + 3], t0 + 10), { blocked: false });
});

test('five failures in a minute block the sixth attempt', () => {
  const failures = [t0, t0 + 1000, t0 + 2000, t0 + 3000, t0 + 4000];
  assert.ok(isBlocked(failures, t0 + 5000));
});

test('says to retry when the oldest of the five failures turns 60 seconds old', () => {
  const failures = [t0, t0 + 1000, t0 + 2000, t0 + 3000, t0 + 4000];
  assert.deepEqual(decideLockout(failures, t0 + 5000), { blocked: true, retryAfterSeconds: 55 });
  assert.equal(retryAfterSeconds(failures, t0 + 59_999), 1);
});

test('the window slides: at exactly 60 seconds the oldest failure no longer counts', () => {
  const failures = [t0, t0 + 1000, t0 + 2000, t0 + 3000, t0 + 4000];
  assert.ok(isBlocked(failures, t0 + 59_999));
  assert.ok(!isBlocked(failures, t0 + 60_000));
});

test('with more than five failures the block lasts until only four remain in the window', () => {
  const failures = [t0, t0 + 1000, t0 + 2000, t0 + 3000, t0 + 4000, t0 + 5000];
  assert.equal(retryAfterSeconds(failures, t0 + 6000), 55);
  assert.ok(isBlocked(failures, t0 + 60_500));
  assert.ok(!isBlocked(failures, t0 + 61_000));
});

test('failures older than a minute are ignored in any order', () => {
  const failures = [t0 + 70_000, t0, t0 + 1, t0 + 2, t0 + 3];
  assert.deepEqual(decideLockout(failures, t0 + 70_001), { blocked: false });
});

test('the hard limit suspends at 100 failures in a row, not at 99; 0 turns it off', async () => {
  const { isSuspended } = await import('./lockout-policy.js');
  assert.ok(!isSuspended(99, 100));
  assert.ok(isSuspended(100, 100));
  assert.ok(!isSuspended(1000, 0));
});

test('the per-address rule is the same policy with its own settings', () => {
  const address = { maxFailures: 50, windowMs: 600_000 };
  const failures = Array.from({ length: 50 }, (_, i) => t0 + i * 1000);
  assert.deepEqual(decideLockout(failures.slice(0, 49), t0 + 50_000, address), { blocked: false });
  assert.deepEqual(decideLockout(failures, t0 + 50_000, address), { blocked: true, retryAfterSeconds: 550 });
});
