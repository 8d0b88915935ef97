/**
 * The research archive service on a database of its own, with a fake clock, a fake for the change
 * notes (history and audit are the real tables through the repo; mail recorded) and an upload store
 * in a folder of its own: who may deposit, drafts saved whole, files recorded only when whole and
 * deleted only once replaced, the claim, the decisions, and the embargo as time passes.
 */
import { before, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '../../config.js';
import { openDatabase, type Db } from '../../db/engine/connection.js';
import { migrate } from '../../db/engine/migrate.js';
import { createDepositRepo, type DepositRepo } from '../../db/deposit/deposit-repo.js';
import { createStatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { createPortal } from '../../portal.js';
import { loadDemoPatrons } from '../../demo/demo-patrons.js';
import { addDays, libraryDateOf } from '../../domain/circulation/library-date.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { fakeClock } from '../../lib/clock.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { countingHasher, TEST_SECRET } from '../../test-support/fixtures.js';
import { createUploadStore } from '../uploads/upload-store.js';
import type { DepositNotes } from './deposit-notes.js';
import { createDepositService } from './deposit-service.js';

const DAY = 86_400_000;
const clock = fakeClock();
let db: Db;
let repo: DepositRepo;
let service: ReturnType<typeof createDepositService>;
let dir: string;
const recorded: Array<{ id: number; status: string; action: string }> = [];
const mailed: Array<{ id: number; status: string; reason: string | null }> = [];
const expiring: Array<{ id: number; deleteAt: number }> = [];
const notes: DepositNotes = {
  record: (deposit, step, action) => void recorded.push({ id: deposit.id, status: step.status, action }),
  mail: (deposit, step) => void mailed.push({ id: deposit.id, status: step.status, reason: step.reason }),
  draftExpiring: (deposit, deleteAt) => void expiring.push({ id: deposit.id, deleteAt }),
};
const reviewer = { staffId: 1, isAdmin: false, clientAddress: '10.0.0.1' };
const other = { staffId: 2, isAdmin: false, clientAddress: '10.0.0.2' };
let patron: (barcode: string) => Patron;
const fields = {
  title: 'A Paper',
  authors: 'Chan Tai Man',
  type: 'article',
  year: '2025',
  abstract: 'Abstract.',
  version: 'published',
  licence: 'cc-by',
};
const files = () => readdirSync(dir).sort();

before(async () => {
  db = openDatabase(':memory:');
  migrate(db);
  const hasher = countingHasher();
  const portal = createPortal(loadConfig({ DATABASE_FILE: ':memory:', APP_SECRET: TEST_SECRET }), asDatabase(db), {
    clock,
    hasher,
    logger: { info: () => {}, error: () => {} },
  });
  await loadDemoPatrons({ importer: portal.importer, patrons: portal.patrons, hasher, now: clock.now });
  db.prepare(
    "INSERT INTO staff (id, username, password_hash, created_at, password_changed_at) VALUES (1, 'r1', 'x', 0, 0), (2, 'r2', 'x', 0, 0)",
  ).run();
  dir = mkdtempSync(join(tmpdir(), 'myrecord-deposit-test-'));
  repo = createDepositRepo(asDatabase(db));
  service = createDepositService({
    db: asDatabase(db),
    deposits: repo,
    history: createStatusHistoryRepo(asDatabase(db)),
    notes,
    uploads: createUploadStore({ dir, maxBytes: 10_000 }),
    clock,
    logger: { info: () => {}, error: () => {} },
    draftDays: 90,
  });
  patron = (barcode) => portal.patrons.findByBarcode(barcode)!;
  // The demo member of staff makes many drafts here: the limits have tests of their own below.
  db.prepare("UPDATE deposit_rules SET drafts_allowed = 1000 WHERE patron_type = 'staff'").run();
});

/** A new draft of the demo member of staff (21000004), described and with its file. */
async function ready(extra: Record<string, string> = {}) {
  const made = service.create(patron('21000004'));
  assert.equal(made.kind, 'created');
  const id = (made as { id: number }).id;
  assert.equal(service.save(patron('21000004'), id, { ...fields, ...extra }).kind, 'saved');
  assert.equal((await service.attachFile(patron('21000004'), id, Readable.from([minimalPdf('p')]))).kind, 'stored');
  return id;
}

describe('the author', () => {
  test('an undergraduate cannot make a draft; a postgraduate can', () => {
    assert.deepEqual(service.create(patron('21000001')), { kind: 'not-for-type' });
    assert.equal(service.create(patron('21000002')).kind, 'created');
  });

  test('a draft with any problem stores nothing at all, not even the good fields', () => {
    const { id } = service.create(patron('21000004')) as { id: number };
    const result = service.save(patron('21000004'), id, { ...fields, doi: 'not a doi' });
    assert.equal(result.kind, 'invalid');
    assert.equal(repo.find(id)!.metadata.title, '');
  });

  test('a file that fails its checks is not kept; a replacement deletes the file it replaces, after it is recorded', async () => {
    const { id } = service.create(patron('21000004')) as { id: number };
    const before = files();
    assert.deepEqual(await service.attachFile(patron('21000004'), id, Readable.from([Buffer.from('GIF89a')])), {
      kind: 'upload-failed',
      failure: 'wrong-kind',
    });
    assert.deepEqual(files(), before);
    await service.attachFile(patron('21000004'), id, Readable.from([minimalPdf('one')]));
    const first = repo.find(id)!.file!.fileName;
    const second = await service.attachFile(patron('21000004'), id, Readable.from([minimalPdf('two')]));
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
      await assert.rejects(service.attachFile(patron('21000004'), id, Readable.from([minimalPdf('three')])), /SQLITE_FULL/);
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
    assert.deepEqual(service.submit(patron('21000004'), id, false), { kind: 'incomplete', problems: [], noFile: false, noAgreement: true });
    assert.equal(service.submit(patron('21000004'), id, true).kind, 'submitted');
    assert.deepEqual(service.save(patron('21000004'), id, fields), { kind: 'not-editable', status: 'submitted' });
    const before = files();
    assert.deepEqual(await service.attachFile(patron('21000004'), id, Readable.from([minimalPdf('late')])), {
      kind: 'not-editable',
      status: 'submitted',
    });
    assert.deepEqual(files(), before);
    assert.equal(service.ownDeposit(patron('21000003'), id), undefined);
  });
});

describe('staff and the public', () => {
  test('the claim: the first wins, the second is told who has it; only the reviewer decides; return needs a reason', async () => {
    const id = await ready();
    service.submit(patron('21000004'), id, true);
    assert.equal(service.claim(reviewer, id).kind, 'claimed');
    const second = service.claim(other, id);
    assert.deepEqual(second, { kind: 'taken', title: 'A Paper', status: 'under_review', by: 'r1' });
    assert.equal(service.decide(other, id, 'publish', '').kind, 'not-now');
    assert.deepEqual(service.decide(reviewer, id, 'return', ' '), { kind: 'invalid', problem: 'REASON_REQUIRED' });
    assert.equal(service.decide(reviewer, id, 'return', 'Wrong version').kind, 'decided');
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
    service.submit(patron('21000004'), id, true);
    service.claim(reviewer, id);
    assert.deepEqual(service.editByStaff(reviewer, id, { ...fields, year: '2024', keywords: 'k' }), {
      kind: 'edited',
      title: 'A Paper',
      fields: ['year', 'keywords'],
    });
    assert.equal(service.editByStaff(reviewer, id, { ...fields, title: '' }).kind, 'invalid');
    assert.equal(service.editByStaff(other, id, fields).kind, 'not-now');
  });

  test('published with an embargo: the page says so and the file is closed until the day comes', async () => {
    const until = addDays(libraryDateOf(clock.now()), 10);
    const id = await ready({ embargo_until: until });
    service.submit(patron('21000004'), id, true);
    assert.equal(service.publicPage(id).kind, 'not-found');
    service.claim(reviewer, id);
    service.decide(reviewer, id, 'publish', '');
    const page = service.publicPage(id);
    assert.equal(page.kind === 'published' && page.fileOpen, false);
    assert.deepEqual(await service.publicFile(id), { kind: 'embargoed', until });
    clock.advance(10 * DAY);
    try {
      const later = service.publicPage(id);
      assert.equal(later.kind === 'published' && later.fileOpen, true);
      const file = await service.publicFile(id);
      assert.equal(file.kind, 'file');
      if (file.kind === 'file') await file.handle.close();
    } finally {
      clock.advance(-10 * DAY);
    }
  });
});

describe('limits and expiry', () => {
  test('a postgraduate at the drafts allowed is refused a new one, with the limit; a submitted one no longer counts', async () => {
    const barcode = '21000003';
    db.prepare("UPDATE deposit_rules SET drafts_allowed = 2 WHERE patron_type = 'postgraduate'").run();
    try {
      const first = service.create(patron(barcode));
      assert.equal(first.kind, 'created');
      assert.equal(service.create(patron(barcode)).kind, 'created');
      assert.deepEqual(service.create(patron(barcode)), { kind: 'drafts-full', draftsAllowed: 2 });
      assert.equal(service.usageOf(patron(barcode)).drafts, 2);
      const id = (first as { id: number }).id;
      assert.equal(service.save(patron(barcode), id, fields).kind, 'saved');
      assert.equal((await service.attachFile(patron(barcode), id, Readable.from([minimalPdf('p')]))).kind, 'stored');
      assert.equal(service.submit(patron(barcode), id, true).kind, 'submitted');
      assert.equal(service.create(patron(barcode)).kind, 'created');
    } finally {
      db.prepare("UPDATE deposit_rules SET drafts_allowed = 5 WHERE patron_type = 'postgraduate'").run();
    }
  });

  test('a file past the storage left is refused and not kept; the file it replaces is counted as freed', async () => {
    const id = await ready();
    const used = service.usageOf(patron('21000004')).usedBytes;
    // Room for what is stored now and 100 bytes more.
    db.prepare("UPDATE deposit_rules SET storage_mb = 1 WHERE patron_type = 'staff'").run();
    db.prepare('UPDATE deposits SET file_size = file_size + ? WHERE id = ?').run(1024 * 1024 - used - 100, id);
    try {
      const { id: other } = service.create(patron('21000004')) as { id: number };
      const before = files();
      const big = Buffer.concat([minimalPdf('big'), Buffer.alloc(200, 0x20)]);
      assert.deepEqual(await service.attachFile(patron('21000004'), other, Readable.from([big])), { kind: 'over-storage', storageMb: 1 });
      assert.deepEqual(files(), before);
      assert.equal(repo.find(other)!.file, null);
      // Replacing the large file frees its bytes.
      assert.equal((await service.attachFile(patron('21000004'), id, Readable.from([big]))).kind, 'stored');
      assert.equal((await service.attachFile(patron('21000004'), other, Readable.from([big]))).kind, 'stored');
    } finally {
      db.prepare("UPDATE deposit_rules SET storage_mb = 200 WHERE patron_type = 'staff'").run();
    }
  });

  test('a draft untouched for 76 days is mailed once; at 90 days it is deleted with its file and history; a saved one starts again', async () => {
    const { id: idle } = service.create(patron('21000004')) as { id: number };
    assert.equal((await service.attachFile(patron('21000004'), idle, Readable.from([minimalPdf('idle')]))).kind, 'stored');
    const fileName = repo.find(idle)!.file!.fileName;
    const { id: saved } = service.create(patron('21000004')) as { id: number };
    const start = clock.now();
    try {
      clock.advance(75 * DAY);
      await service.expireDrafts();
      assert.ok(!expiring.some((e) => e.id === idle));
      service.save(patron('21000004'), saved, { title: 'Still here' });
      clock.advance(DAY);
      await service.expireDrafts();
      await service.expireDrafts();
      assert.deepEqual(
        expiring.filter((e) => e.id === idle || e.id === saved),
        [{ id: idle, deleteAt: start + 90 * DAY }],
      );
      clock.advance(14 * DAY - 1);
      await service.expireDrafts();
      assert.ok(repo.find(idle));
      clock.advance(1);
      await service.expireDrafts();
      assert.equal(repo.find(idle), undefined);
      assert.ok(!files().includes(fileName));
      assert.equal(db.prepare("SELECT COUNT(*) FROM status_history WHERE subject = 'deposit' AND subject_id = ?").pluck().get(idle), 0);
      assert.ok(repo.find(saved));
    } finally {
      clock.set(start);
    }
  });
});
