/**
 * The author's side of the research archive: who may deposit, drafts saved whole, files recorded
 * only when whole and deleted only once replaced, submitting, and the limits on drafts and storage.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { Db } from '../../db/engine/connection.js';
import type { DepositRepo } from '../../db/deposit/deposit-repo.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { DEPOSIT_FIELDS_TYPED as fields, depositTestServices } from '../../test-support/deposit-test-services.js';
import type { DepositAuthorService } from './deposit-author-service.js';

let db: Db;
let repo: DepositRepo;
let authors: DepositAuthorService;
let patron: (barcode: string) => Patron;
let files: () => string[];
let ready: (extra?: Record<string, string>) => Promise<number>;

before(async () => {
  ({ db, repo, authors, patron, files, ready } = await depositTestServices());
});

describe('the author', () => {
  test('an undergraduate cannot make a draft; a postgraduate can', () => {
    assert.deepEqual(authors.create(patron('21000001')), { kind: 'not-for-type' });
    assert.equal(authors.create(patron('21000002')).kind, 'created');
  });

  test('a draft with any problem stores nothing at all, not even the good fields', () => {
    const { id } = authors.create(patron('21000004')) as { id: number };
    const result = authors.save(patron('21000004'), id, { ...fields, doi: 'not a doi' });
    assert.equal(result.kind, 'invalid');
    assert.equal(repo.find(id)!.metadata.title, '');
  });

  test('a file that fails its checks is not kept; a replacement deletes the file it replaces, after it is recorded', async () => {
    const { id } = authors.create(patron('21000004')) as { id: number };
    const before = files();
    assert.deepEqual(await authors.attachFile(patron('21000004'), id, Readable.from([Buffer.from('GIF89a')])), {
      kind: 'upload-failed',
      failure: 'wrong-kind',
    });
    assert.deepEqual(files(), before);
    await authors.attachFile(patron('21000004'), id, Readable.from([minimalPdf('one')]));
    const first = repo.find(id)!.file!.fileName;
    const second = await authors.attachFile(patron('21000004'), id, Readable.from([minimalPdf('two')]));
    assert.equal(second.kind === 'stored' && second.replaced, true);
    assert.ok(!files().includes(first));
    assert.ok(files().includes(repo.find(id)!.file!.fileName));
  });

  test('when the database refuses the row, the new file is removed and the old one stays named', async () => {
    const id = await ready();
    const kept = repo.find(id)!.file!.fileName;
    const setFile = repo.setFile;
    repo.setFile = () => {
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    try {
      await assert.rejects(authors.attachFile(patron('21000004'), id, Readable.from([minimalPdf('three')])), /SQLITE_FULL/);
    } finally {
      repo.setFile = setFile;
    }
    assert.equal(repo.find(id)!.file!.fileName, kept);
    assert.deepEqual(
      files().filter((f) => f !== kept && !db.prepare('SELECT 1 FROM deposits WHERE file_name = ?').get(f)),
      [],
    );
  });

  test('submitting needs the agreement; once submitted nothing can be changed, and a file that arrives then is removed', async () => {
    const id = await ready();
    assert.deepEqual(authors.submit(patron('21000004'), id, false), { kind: 'incomplete', problems: [], noFile: false, noAgreement: true });
    assert.equal(authors.submit(patron('21000004'), id, true).kind, 'submitted');
    assert.deepEqual(authors.save(patron('21000004'), id, fields), { kind: 'not-editable', status: 'submitted' });
    const before = files();
    assert.deepEqual(await authors.attachFile(patron('21000004'), id, Readable.from([minimalPdf('late')])), {
      kind: 'not-editable',
      status: 'submitted',
    });
    assert.deepEqual(files(), before);
    assert.equal(authors.ownDeposit(patron('21000003'), id), undefined);
  });
});

describe('limits', () => {
  test('a postgraduate at the drafts allowed is refused a new one, with the limit; a submitted one no longer counts', async () => {
    const barcode = '21000003';
    db.prepare("UPDATE deposit_rules SET drafts_allowed = 2 WHERE patron_type = 'postgraduate'").run();
    try {
      const first = authors.create(patron(barcode));
      assert.equal(first.kind, 'created');
      assert.equal(authors.create(patron(barcode)).kind, 'created');
      assert.deepEqual(authors.create(patron(barcode)), { kind: 'drafts-full', draftsAllowed: 2 });
      assert.equal(authors.usageOf(patron(barcode)).drafts, 2);
      const id = (first as { id: number }).id;
      assert.equal(authors.save(patron(barcode), id, fields).kind, 'saved');
      assert.equal((await authors.attachFile(patron(barcode), id, Readable.from([minimalPdf('p')]))).kind, 'stored');
      assert.equal(authors.submit(patron(barcode), id, true).kind, 'submitted');
      assert.equal(authors.create(patron(barcode)).kind, 'created');
    } finally {
      db.prepare("UPDATE deposit_rules SET drafts_allowed = 5 WHERE patron_type = 'postgraduate'").run();
    }
  });

  test('a file past the storage left is refused and not kept; the file it replaces is counted as freed', async () => {
    const id = await ready();
    const used = authors.usageOf(patron('21000004')).usedBytes;
    // Room for what is stored now and 100 bytes more.
    db.prepare("UPDATE deposit_rules SET storage_mb = 1 WHERE patron_type = 'staff'").run();
    db.prepare('UPDATE deposits SET file_size = file_size + ? WHERE id = ?').run(1024 * 1024 - used - 100, id);
    try {
      const { id: other } = authors.create(patron('21000004')) as { id: number };
      const before = files();
      const big = Buffer.concat([minimalPdf('big'), Buffer.alloc(200, 0x20)]);
      assert.deepEqual(await authors.attachFile(patron('21000004'), other, Readable.from([big])), { kind: 'over-storage', storageMb: 1 });
      assert.deepEqual(files(), before);
      assert.equal(repo.find(other)!.file, null);
      // Replacing the large file frees its bytes.
      assert.equal((await authors.attachFile(patron('21000004'), id, Readable.from([big]))).kind, 'stored');
      assert.equal((await authors.attachFile(patron('21000004'), other, Readable.from([big]))).kind, 'stored');
    } finally {
      db.prepare("UPDATE deposit_rules SET storage_mb = 200 WHERE patron_type = 'staff'").run();
    }
  });
});
