import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkoutBlocks, type CheckoutFacts } from './checkout-policy.js';
import type { LoanRule } from './loan-rule.js';

const undergraduate: LoanRule = {
  patronType: 'undergraduate',
  loanDays: 28,
  renewalsAllowed: 3,
  requestsAllowed: 5,
  finePerDay: 100,
  fineCapPerItem: 5000,
  fineCeiling: 5000,
};
const base: CheckoutFacts = { today: '2026-11-28', rule: undergraduate, patronExpiry: '2030-08-31', balance: 0 };

describe('what stops a check-out', () => {
  test('nothing stops a patron whose record runs and who owes nothing, nor one whose record never expires', () => {
    assert.deepEqual(checkoutBlocks(base), []);
    assert.deepEqual(checkoutBlocks({ ...base, patronExpiry: null }), []);
  });
  test('a record that expired yesterday stops it, naming the day; one that expires today does not', () => {
    assert.deepEqual(checkoutBlocks({ ...base, patronExpiry: '2026-11-27' }), [{ code: 'RECORD_EXPIRED', expiry: '2026-11-27' }]);
    assert.deepEqual(checkoutBlocks({ ...base, patronExpiry: '2026-11-28' }), []);
  });
  test('fines above the ceiling stop it, with the total and the ceiling; fines at the ceiling do not', () => {
    assert.deepEqual(checkoutBlocks({ ...base, balance: 5000 }), []);
    assert.deepEqual(checkoutBlocks({ ...base, balance: 5001 }), [{ code: 'FINES_OVER_CEILING', balance: 5001, ceiling: 5000 }]);
  });
  test('both at once are both returned, the expired record first', () => {
    assert.deepEqual(
      checkoutBlocks({ ...base, patronExpiry: '2026-01-01', balance: 9000 }).map((block) => block.code),
      ['RECORD_EXPIRED', 'FINES_OVER_CEILING'],
    );
  });
});
