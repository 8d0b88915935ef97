import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, daysBetween, libraryDateOf } from '../shared/library-date.js';
import { decideRenewal, type RenewalFacts } from './renewal-policy.js';
import { overdueFine } from './fine-policy.js';
import { requestRefusal, type RequestFacts } from './request-policy.js';
import { normaliseIsbn13 } from '../shared/isbn.js';
import { ftsQueryOf, searchWords, tsQueryOf } from '../catalogue/search-query.js';
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

describe('library dates', () => {
  test("the library day is Hong Kong's: 17:00 UTC on 28 November is 29 November there", () => {
    assert.equal(libraryDateOf(Date.UTC(2026, 10, 28, 17, 0)), '2026-11-29');
    assert.equal(libraryDateOf(Date.UTC(2026, 10, 28, 15, 59)), '2026-11-28');
  });
  test('adds days across months and years, and counts days between', () => {
    assert.equal(addDays('2026-12-20', 28), '2027-01-17');
    assert.equal(daysBetween('2026-11-28', '2026-12-03'), 5);
  });
});

describe('renewal', () => {
  const base: RenewalFacts = {
    today: '2026-11-28',
    dueDate: '2026-12-01',
    renewalsUsed: 0,
    rule: undergraduate,
    patronExpiry: '2030-08-31',
    balance: 0,
    requestedByOthers: false,
  };
  test('renews to today plus the loan period', () => {
    assert.deepEqual(decideRenewal(base), { ok: true, newDueDate: '2026-12-26' });
  });
  test("never past the patron's expiry date", () => {
    assert.deepEqual(decideRenewal({ ...base, patronExpiry: '2026-12-10' }), { ok: true, newDueDate: '2026-12-10' });
  });
  test('refuses when the new date would not be later, naming the expiry', () => {
    assert.deepEqual(decideRenewal({ ...base, patronExpiry: '2026-12-01' }), {
      ok: false,
      refusal: { code: 'NO_LATER_DATE', expiry: '2026-12-01' },
    });
  });
  test('an item renewed earlier today is already due on the latest date allowed: that is the reason, not the expiry', () => {
    assert.deepEqual(decideRenewal({ ...base, dueDate: '2026-12-26' }), {
      ok: false,
      refusal: { code: 'ALREADY_LATEST', dueDate: '2026-12-26' },
    });
    assert.deepEqual(decideRenewal({ ...base, patronExpiry: null, dueDate: '2026-12-30' }), {
      ok: false,
      refusal: { code: 'ALREADY_LATEST', dueDate: '2026-12-30' },
    });
  });
  test('refuses when requested by another patron', () => {
    assert.deepEqual(decideRenewal({ ...base, requestedByOthers: true }), { ok: false, refusal: { code: 'REQUESTED' } });
  });
  test('refuses at the limit, saying "3 of 3"', () => {
    assert.deepEqual(decideRenewal({ ...base, renewalsUsed: 3 }), { ok: false, refusal: { code: 'LIMIT_REACHED', used: 3, allowed: 3 } });
  });
  test('refuses when the record has expired', () => {
    assert.deepEqual(decideRenewal({ ...base, patronExpiry: '2026-11-27' }), {
      ok: false,
      refusal: { code: 'RECORD_EXPIRED', expiry: '2026-11-27' },
    });
  });
  test('refuses when fines are above the ceiling, not at it', () => {
    assert.equal(decideRenewal({ ...base, balance: 5000 }).ok, true);
    assert.deepEqual(decideRenewal({ ...base, balance: 5001 }), {
      ok: false,
      refusal: { code: 'FINES_OVER_CEILING', balance: 5001, ceiling: 5000 },
    });
  });
  test('an overdue item may be renewed', () => {
    assert.deepEqual(decideRenewal({ ...base, dueDate: '2026-11-20' }), { ok: true, newDueDate: '2026-12-26' });
  });
});

describe('overdue fines', () => {
  test('the rate per day late, nothing when on time, capped per item', () => {
    assert.deepEqual(overdueFine('2026-11-20', '2026-11-28', undergraduate), { daysLate: 8, amount: 800 });
    assert.deepEqual(overdueFine('2026-11-28', '2026-11-28', undergraduate), { daysLate: 0, amount: 0 });
    assert.deepEqual(overdueFine('2025-11-28', '2026-11-28', undergraduate), { daysLate: 365, amount: 5000 });
  });
});

describe('requests', () => {
  const base: RequestFacts = {
    today: '2026-11-28',
    rule: undergraduate,
    patronExpiry: null,
    balance: 0,
    copiesOnShelf: 0,
    holdsTitleOnLoan: false,
    alreadyRequested: false,
    openRequests: 0,
  };
  test('allowed when no copy is on the shelf', () => assert.equal(requestRefusal(base), undefined));
  test('not when a copy is on the shelf', () => assert.deepEqual(requestRefusal({ ...base, copiesOnShelf: 1 }), { code: 'ON_SHELF' }));
  test('one per title per patron', () =>
    assert.deepEqual(requestRefusal({ ...base, alreadyRequested: true }), { code: 'ALREADY_REQUESTED' }));
  test('none for a title he has on loan', () =>
    assert.deepEqual(requestRefusal({ ...base, holdsTitleOnLoan: true }), { code: 'ON_LOAN_TO_YOU' }));
  test("at most his type's number", () =>
    assert.deepEqual(requestRefusal({ ...base, openRequests: 5 }), { code: 'REQUEST_LIMIT', allowed: 5 }));
});

describe('ISBN-13 and search queries', () => {
  test('checks the ISBN-13 check digit', () => {
    assert.equal(normaliseIsbn13('978-0-14-143951-8'), '9780141439518');
    assert.equal(normaliseIsbn13('9780141439519'), undefined);
    assert.equal(normaliseIsbn13('0141439513'), undefined);
  });
  test('any characters become words, or nothing', () => {
    assert.deepEqual(searchWords('"NEAR(a b)" OR -x* & !y:*'), ['NEAR', 'a', 'b', 'OR', 'x', 'y']);
    assert.deepEqual(searchWords('  ***  '), []);
    assert.deepEqual(searchWords('紅樓夢'), ['紅樓夢']);
    assert.equal(searchWords('a '.repeat(20)).length, 12);
  });
  test('the words become a safe query for FTS5 and for PostgreSQL, by prefix or whole', () => {
    const words = searchWords('Pride & Prejudice');
    assert.equal(ftsQueryOf(words, 'prefix'), '"Pride"* "Prejudice"*');
    assert.equal(ftsQueryOf(words, 'whole'), '"Pride" "Prejudice"');
    assert.equal(tsQueryOf(words, 'prefix'), 'Pride:* & Prejudice:*');
    assert.equal(tsQueryOf(words, 'whole'), 'Pride & Prejudice');
  });
});
