/** Repository staff reviewing: the claim (of two, the first wins), the decisions and who may take them, and staff edits. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Patron } from '../../domain/patrons/patron.js';
import {
  DEPOSIT_FIELDS_TYPED as fields,
  depositTestServices,
  OTHER_REVIEWER as other,
  REVIEWER as reviewer,
  type DepositTestServices,
} from '../../test-support/deposit-test-services.js';
import type { DepositAuthorService } from './deposit-author-service.js';
import type { DepositReviewService } from './deposit-review-service.js';

let authors: DepositAuthorService;
let review: DepositReviewService;
let patron: (barcode: string) => Patron;
let ready: (extra?: Record<string, string>) => Promise<number>;
let mailed: DepositTestServices['mailed'];
let recorded: DepositTestServices['recorded'];

before(async () => {
  ({ authors, review, patron, ready, mailed, recorded } = await depositTestServices());
});

describe('staff', () => {
  test('the claim: the first wins, the second is told who has it; only the reviewer decides; return needs a reason', async () => {
    const id = await ready();
    authors.submit(patron('21000004'), id, true);
    assert.equal(review.claim(reviewer, id).kind, 'claimed');
    const second = review.claim(other, id);
    assert.deepEqual(second, { kind: 'taken', title: 'A Paper', status: 'under_review', by: 'r1' });
    assert.equal(review.decide(other, id, 'publish', '').kind, 'not-now');
    assert.deepEqual(review.decide(reviewer, id, 'return', ' '), { kind: 'invalid', problem: 'REASON_REQUIRED' });
    assert.equal(review.decide(reviewer, id, 'return', 'Wrong version').kind, 'decided');
    assert.deepEqual(
      mailed.filter((m) => m.id === id),
      [
        { id, status: 'under_review', reason: null },
        { id, status: 'returned', reason: 'Wrong version' },
      ],
    );
    assert.deepEqual(
      recorded.filter((r) => r.id === id).map((r) => r.action),
      ['deposit.status-changed', 'deposit.status-changed'],
    );
  });

  test('staff edits while under review: only what changed is recorded; nothing required may be emptied', async () => {
    const id = await ready();
    authors.submit(patron('21000004'), id, true);
    review.claim(reviewer, id);
    assert.deepEqual(review.editByStaff(reviewer, id, { ...fields, year: '2024', keywords: 'k' }), {
      kind: 'edited',
      title: 'A Paper',
      fields: ['year', 'keywords'],
    });
    assert.equal(review.editByStaff(reviewer, id, { ...fields, title: '' }).kind, 'invalid');
    assert.equal(review.editByStaff(other, id, fields).kind, 'not-now');
  });
});
