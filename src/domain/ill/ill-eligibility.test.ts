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
  assert.equal(illRefusal(limits({}), 'book', 29), undefined);
  assert.equal(illRefusal(limits({}), 'article', 0), undefined);
});

test('an undergraduate may ask for copies only', () => {
  assert.equal(mayAskFor(undergraduate, 'book'), false);
  assert.deepEqual(illRefusal(undergraduate, 'book', 0), { code: 'KIND_NOT_ALLOWED', kind: 'book' });
  assert.equal(illRefusal(undergraduate, 'article', 14), undefined);
});

test('alumni may ask for nothing, whatever the kind', () => {
  assert.equal(mayUseIll(alumni), false);
  assert.deepEqual(illRefusal(alumni, 'article', 0), { code: 'NOT_FOR_TYPE' });
  assert.deepEqual(illRefusal(alumni, 'book', 0), { code: 'NOT_FOR_TYPE' });
});

test('at the quota the next request is refused with the numbers', () => {
  assert.deepEqual(illRefusal(undergraduate, 'article', 15), { code: 'QUOTA_REACHED', open: 15, allowed: 15 });
});
