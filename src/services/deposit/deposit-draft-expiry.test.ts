/** Drafts nobody touches: mailed once 14 days before their days are up, then deleted with their file and history. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { Db } from '../../db/engine/connection.js';
import type { DepositRepo } from '../../db/deposit/deposit-repo.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { depositTestServices, type DepositTestServices } from '../../test-support/deposit-test-services.js';
import type { DepositAuthorService } from './deposit-author-service.js';
import type { DepositDraftExpiry } from './deposit-draft-expiry.js';

const DAY = 86_400_000;
let db: Db;
let repo: DepositRepo;
let clock: DepositTestServices['clock'];
let authors: DepositAuthorService;
let drafts: DepositDraftExpiry;
let patron: (barcode: string) => Patron;
let files: () => string[];
let expiring: DepositTestServices['expiring'];

before(async () => {
  ({ db, repo, clock, authors, drafts, patron, files, expiring } = await depositTestServices());
});

describe('expiry', () => {
  test('a draft untouched for 76 days is mailed once; at 90 days it is deleted with its file and history; a saved one starts again', async () => {
    const { id: idle } = authors.create(patron('21000004')) as { id: number };
    assert.equal((await authors.attachFile(patron('21000004'), idle, Readable.from([minimalPdf('idle')]))).kind, 'stored');
    const fileName = repo.find(idle)!.file!.fileName;
    const { id: saved } = authors.create(patron('21000004')) as { id: number };
    const start = clock.now();
    try {
      clock.advance(75 * DAY);
      await drafts.expireDrafts();
      assert.ok(!expiring.some((e) => e.id === idle));
      authors.save(patron('21000004'), saved, { title: 'Still here' });
      clock.advance(DAY);
      await drafts.expireDrafts();
      await drafts.expireDrafts();
      assert.deepEqual(
        expiring.filter((e) => e.id === idle || e.id === saved),
        [{ id: idle, deleteAt: start + 90 * DAY }],
      );
      clock.advance(14 * DAY - 1);
      await drafts.expireDrafts();
      assert.ok(repo.find(idle));
      clock.advance(1);
      await drafts.expireDrafts();
      assert.equal(repo.find(idle), undefined);
      assert.ok(!files().includes(fileName));
      assert.equal(db.prepare("SELECT COUNT(*) FROM status_history WHERE subject = 'deposit' AND subject_id = ?").pluck().get(idle), 0);
      assert.ok(repo.find(saved));
    } finally {
      clock.set(start);
    }
  });
});
