import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEVICE_TRUST_MS, hasSpentBudget, isTrustedDevice, stoppedByHardLimit, trustedUntil } from './device-trust.js';

const now = 1_700_000_000_000;

test('a device remembered for the key, unexpired and with budget left, is trusted', () => {
  assert.ok(isTrustedDevice({ failures: 0, expiresAt: now + 1 }, now, 10));
  assert.ok(isTrustedDevice({ failures: 9, expiresAt: now + 1 }, now, 10));
});

test('no record, an expired one or a spent budget gives no trust; 0 turns trust off', () => {
  assert.ok(!isTrustedDevice(undefined, now, 10));
  assert.ok(!isTrustedDevice({ failures: 0, expiresAt: now }, now, 10));
  assert.ok(!isTrustedDevice({ failures: 10, expiresAt: now + 1 }, now, 10));
  assert.ok(!isTrustedDevice({ failures: 0, expiresAt: now + 1 }, now, 0));
});

test('the budget is spent at the tenth failure in a row, not at the ninth', () => {
  assert.ok(!hasSpentBudget(9, 10));
  assert.ok(hasSpentBudget(10, 10));
});

test('the hard limit stops untrusted attempts only', () => {
  assert.ok(stoppedByHardLimit(100, 100, false));
  assert.ok(!stoppedByHardLimit(100, 100, true));
  assert.ok(!stoppedByHardLimit(99, 100, false));
  assert.ok(!stoppedByHardLimit(1000, 0, false), '0 turns the hard limit off');
});

test('a success trusts the device for 180 days from now', () => {
  assert.equal(trustedUntil(now), now + 180 * 86_400_000);
  assert.equal(DEVICE_TRUST_MS, 180 * 86_400_000);
});
