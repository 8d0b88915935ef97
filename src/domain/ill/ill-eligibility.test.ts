import { test } from 'node:test';
import assert from 'node:assert/strict';
import { illRefusal, mayAskFor, mayUseIll } from './ill-eligibility.js';
import type { IllLimits } from './ill-request.js';

const limits = (over: Partial<IllLimits>): IllLimits => ({
  patronType: 'postgraduate',
  booksAllowed: true,
  copiesAllowed: true,
  openAllowed: 30,
  copyDownloads: 5,
  copyDays: 30,
  ...over,
});
const undergraduate = limits({ patronType: 'undergraduate', booksAllowed: false, openAllowed: 15 });
const alumni = limits({ patronType: 'alumni', booksAllowed: false, copiesAllowed: false, openAllowed: 0 });

test('a postgraduate under the quota may ask for a book or a copy', () => {
  assert.equal(illRefusal(limits({}), 'book', { open: 29, madeInWindow: 29 }), undefined);
  assert.equal(illRefusal(limits({}), 'article', { open: 0, madeInWindow: 0 }), undefined);
});

test('an undergraduate may ask for copies only', () => {
  assert.equal(mayAskFor(undergraduate, 'book'), false);
  assert.deepEqual(illRefusal(undergraduate, 'book', { open: 0, madeInWindow: 0 }), { code: 'KIND_NOT_ALLOWED', kind: 'book' });
  assert.equal(illRefusal(undergraduate, 'article', { open: 14, madeInWindow: 14 }), undefined);
});

test('alumni may ask for nothing, whatever the kind', () => {
  assert.equal(mayUseIll(alumni), false);
  assert.deepEqual(illRefusal(alumni, 'article', { open: 0, madeInWindow: 0 }), { code: 'NOT_FOR_TYPE' });
  assert.deepEqual(illRefusal(alumni, 'book', { open: 0, madeInWindow: 0 }), { code: 'NOT_FOR_TYPE' });
});

test('at the quota the next request is refused with the numbers', () => {
  assert.deepEqual(illRefusal(undergraduate, 'article', { open: 15, madeInWindow: 15 }), { code: 'QUOTA_REACHED', open: 15, allowed: 15 });
});

test('asking and cancelling in a loop stops: at twice the open quota made in 30 days, cancelled ones included, the next is refused', () => {
  assert.equal(illRefusal(undergraduate, 'article', { open: 0, madeInWindow: 29 }), undefined);
  assert.deepEqual(illRefusal(undergraduate, 'article', { open: 0, madeInWindow: 30 }), { code: 'WINDOW_REACHED', allowed: 30, days: 30 });
  // The open quota is said first: it is the one that lifts soonest.
  assert.deepEqual(illRefusal(undergraduate, 'article', { open: 15, madeInWindow: 30 }), { code: 'QUOTA_REACHED', open: 15, allowed: 15 });
});
