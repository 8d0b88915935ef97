import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitRefusal } from './recommendation-limits.js';

const limits = { openAllowed: 5, windowAllowed: 10, windowDays: 30 };

test('below both limits, one more may be made', () => {
  assert.equal(limitRefusal({ open: 4, inWindow: 9, limits }), undefined);
});

test('at the open limit, the refusal names it', () => {
  assert.deepEqual(limitRefusal({ open: 5, inWindow: 5, limits }), { code: 'OPEN_LIMIT', allowed: 5 });
});

test('at the limit of the window, the refusal names the number and the days', () => {
  assert.deepEqual(limitRefusal({ open: 0, inWindow: 10, limits }), { code: 'WINDOW_LIMIT', allowed: 10, days: 30 });
});

test('a limit of nought refuses every recommendation', () => {
  assert.deepEqual(limitRefusal({ open: 0, inWindow: 0, limits: { ...limits, openAllowed: 0 } }), { code: 'OPEN_LIMIT', allowed: 0 });
});
