/** The public archive: a deposit shows only once published, and its file stays closed until the embargo is over. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { depositTestServices, REVIEWER as reviewer, type DepositTestServices } from '../../test-support/deposit-test-services.js';
import type { DepositArchiveService } from './deposit-archive-service.js';
import type { DepositAuthorService } from './deposit-author-service.js';
import type { DepositReviewService } from './deposit-review-service.js';

const DAY = 86_400_000;
let clock: DepositTestServices['clock'];
let authors: DepositAuthorService;
let review: DepositReviewService;
let archive: DepositArchiveService;
let patron: (barcode: string) => Patron;
let ready: (extra?: Record<string, string>) => Promise<number>;

before(async () => {
  ({ clock, authors, review, archive, patron, ready } = await depositTestServices());
});

describe('the public', () => {
  test('published with an embargo: the page says so and the file is closed until the day comes', async () => {
    const until = addDays(libraryDateOf(clock.now()), 10);
    const id = await ready({ embargo_until: until });
    authors.submit(patron('21000004'), id, true);
    assert.equal(archive.publicPage(id).kind, 'not-found');
    review.claim(reviewer, id);
    review.decide(reviewer, id, 'publish', '');
    const page = archive.publicPage(id);
    assert.equal(page.kind === 'published' && page.fileOpen, false);
    assert.deepEqual(await archive.publicFile(id), { kind: 'embargoed', until });
    clock.advance(10 * DAY);
    try {
      const later = archive.publicPage(id);
      assert.equal(later.kind === 'published' && later.fileOpen, true);
      const file = await archive.publicFile(id);
      assert.equal(file.kind, 'file');
      if (file.kind === 'file') await file.handle.close();
    } finally {
      clock.advance(-10 * DAY);
    }
  });
});
