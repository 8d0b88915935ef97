/**
 * The interlibrary loan services on a database of their own, with a fake clock and the change notes
 * (history, audit, mail) recorded by a fake: who may ask, the catalogue check, the quota, cancel,
 * the status flow, the upload's checks and the counted download.
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
import { createCatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import { createIllLimitRepo } from '../../db/ill/ill-limit-repo.js';
import { createIllRepo, type IllRequestView } from '../../db/ill/ill-repo.js';
import { createPatronRepo } from '../../db/patrons/patron-repo.js';
import { createStatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { createPortal } from '../../portal.js';
import { loadDemoPatrons } from '../../demo/demo-patrons.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { fakeClock } from '../../lib/clock.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { countingHasher, TEST_SECRET } from '../../test-support/fixtures.js';
import { createUploadStore } from '../uploads/upload-store.js';
import type { IllChangeNotes } from './ill-change-notes.js';
import { createIllCopyService } from './ill-copy-service.js';
import { createIllQueueService } from './ill-queue-service.js';
import { createIllService } from './ill-service.js';

const DAY = 86_400_000;
const clock = fakeClock();
let db: Db;
let service: ReturnType<typeof createIllService>;
let queue: ReturnType<typeof createIllQueueService>;
let copies: ReturnType<typeof createIllCopyService>;
let uploadDir: string;
const recorded: Array<{ id: number; status: string; action: string; detail: string }> = [];
const mailed: Array<{ id: number; status: string }> = [];
const notes: IllChangeNotes = {
  record: (request: IllRequestView, step, action, detail) => void recorded.push({ id: request.id, status: step.status, action, detail }),
  mail: (request: IllRequestView, change) => void mailed.push({ id: request.id, status: change.status }),
};
const actor = { staffId: 1, clientAddress: '10.0.0.1' };
let patron: (barcode: string) => Patron;
const future = () => addDays(libraryDateOf(clock.now()), 10);
const article = { source_title: 'Journal', article_title: 'Article', year: '2020', pages: '1-2', copyright_declaration: 'yes' };
let articles = 0;
/** A different article each time: the same one asked for again while open is refused as a duplicate. */
const anotherArticle = () => ({ ...article, article_title: `Article ${++articles}` });

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
  const catalogue = createCatalogueRepo(asDatabase(db));
  const shelved = catalogue.upsertRecord({
    isbn: '9780306406157',
    title: 'On the Shelf',
    author: 'A',
    publisher: null,
    year: 2000,
    subjects: '',
  });
  db.prepare("INSERT INTO copies (record_id, item_barcode, call_number, location) VALUES (?, 'C1', 'X', 'Main')").run(shelved);
  const lent = catalogue.upsertRecord({ isbn: '9781861972712', title: 'All Out', author: 'B', publisher: null, year: 2001, subjects: '' });
  db.prepare("INSERT INTO copies (record_id, item_barcode, call_number, location, status) VALUES (?, 'C2', 'Y', 'Main', 'on_loan')").run(
    lent,
  );
  const ill = createIllRepo(asDatabase(db));
  const limits = createIllLimitRepo(asDatabase(db));
  uploadDir = mkdtempSync(join(tmpdir(), 'myrecord-ill-unit-'));
  const uploads = createUploadStore({ dir: uploadDir, maxBytes: 100_000 });
  const history = createStatusHistoryRepo(asDatabase(db));
  service = createIllService({ db: asDatabase(db), ill, limits, catalogue, history, clock });
  queue = createIllQueueService({ db: asDatabase(db), ill, limits, history, notes, clock });
  copies = createIllCopyService({ db: asDatabase(db), ill, limits, uploads, notes, clock, logger: { info: () => {}, error: () => {} } });
  const patrons = createPatronRepo(asDatabase(db));
  patron = (barcode) => patrons.findByBarcode(barcode)!;
});

describe('asking', () => {
  test('alumni get no form; undergraduates the article form only, with the quota in numbers', () => {
    db.prepare("UPDATE patrons SET patron_type = 'alumni' WHERE barcode = '21000003'").run();
    assert.deepEqual(service.formState(patron('21000003'), 'article'), { kind: 'not-for-type' });
    db.prepare("UPDATE patrons SET patron_type = 'postgraduate' WHERE barcode = '21000003'").run();
    assert.equal(service.formState(patron('21000001'), 'book').kind, 'kind-not-allowed');
    assert.deepEqual(service.formState(patron('21000001'), 'article'), { kind: 'form', open: 0, allowed: 15 });
  });

  test('a book on the shelf here is refused; all copies out asks for the tick, then it is made with its first history step', () => {
    const wong = patron('21000004');
    assert.deepEqual(
      service.request(wong, 'book', { title: 'x', isbn: '0-306-40615-2', not_needed_after: future() }, { confirmOnLoan: true }).kind,
      'on-shelf',
    );
    const out = service.request(
      wong,
      'book',
      { title: 'All Out', isbn: '1-86197-271-7', not_needed_after: future() },
      { confirmOnLoan: false },
    );
    assert.equal(out.kind, 'all-on-loan');
    const made = service.request(
      wong,
      'book',
      { title: 'All Out', isbn: '1-86197-271-7', not_needed_after: future() },
      { confirmOnLoan: true },
    );
    assert.equal(made.kind, 'created');
    const list = service.listOf(wong, 1);
    assert.equal(list.open, 1);
    assert.deepEqual(
      list.requests[0]!.history.map((h) => h.status),
      ['submitted'],
    );
  });

  test('the quota counts submitted, sent, received and on loan; invalid forms are answered before the quota', () => {
    db.prepare("UPDATE ill_limits SET open_allowed = 1 WHERE patron_type = 'postgraduate'").run();
    const maria = patron('21000002');
    assert.equal(service.request(maria, 'article', anotherArticle(), { confirmOnLoan: false }).kind, 'created');
    assert.equal(service.request(maria, 'article', {}, { confirmOnLoan: false }).kind, 'invalid');
    assert.deepEqual(service.request(maria, 'article', anotherArticle(), { confirmOnLoan: false }), {
      kind: 'refused',
      refusal: { code: 'QUOTA_REACHED', open: 1, allowed: 1 },
    });
    db.prepare("UPDATE ill_limits SET open_allowed = 30 WHERE patron_type = 'postgraduate'").run();
  });

  test('asking and cancelling in a loop is stopped at twice the open quota in 30 days; 30 days on, he may ask again', () => {
    db.prepare("UPDATE ill_limits SET open_allowed = 2 WHERE patron_type = 'undergraduate'").run();
    const chan = patron('21000001');
    for (let i = 0; i < 4; i++) {
      const made = service.request(chan, 'article', anotherArticle(), { confirmOnLoan: false });
      assert.ok(made.kind === 'created', `request ${i + 1}`);
      assert.equal(service.cancel(chan, made.id).kind, 'cancelled');
    }
    assert.deepEqual(service.request(chan, 'article', anotherArticle(), { confirmOnLoan: false }), {
      kind: 'refused',
      refusal: { code: 'WINDOW_REACHED', allowed: 4, days: 30 },
    });
    clock.advance(30 * 86_400_000);
    assert.equal(service.request(chan, 'article', anotherArticle(), { confirmOnLoan: false }).kind, 'created');
    db.prepare("UPDATE ill_limits SET open_allowed = 15 WHERE patron_type = 'undergraduate'").run();
  });

  test("cancel: only the patron's own, only while submitted", () => {
    const li = patron('21000003');
    const made = service.request(li, 'article', article, { confirmOnLoan: false });
    assert.ok(made.kind === 'created');
    assert.deepEqual(service.cancel(patron('21000002'), made.id), { kind: 'not-found' });
    assert.deepEqual(service.cancel(li, made.id), { kind: 'cancelled', title: 'Article' });
    assert.deepEqual(service.cancel(li, made.id), { kind: 'closed', title: 'Article' });
  });
});

describe('staff and the copy', () => {
  test('a status change is checked, recorded and mailed once; a stale one does nothing', () => {
    const made = service.request(patron('21000002'), 'article', anotherArticle(), { confirmOnLoan: false });
    assert.ok(made.kind === 'created');
    const none = { lender: '', dueDate: '', reason: '' };
    assert.equal(queue.changeStatus(actor, made.id, { ...none, status: 'sent' }).kind, 'invalid');
    assert.equal(queue.changeStatus(actor, made.id, { ...none, status: 'sent', lender: 'L' }, 'submitted').kind, 'changed');
    assert.equal(queue.changeStatus(actor, made.id, { ...none, status: 'sent', lender: 'L' }, 'submitted').kind, 'moved-on');
    assert.deepEqual(
      recorded.filter((r) => r.id === made.id).map((r) => [r.status, r.action]),
      [['sent', 'ill.status-changed']],
    );
    assert.deepEqual(
      mailed.filter((m) => m.id === made.id),
      [{ id: made.id, status: 'sent' }],
    );
  });

  test('the upload checks the request before reading; a non-PDF leaves nothing; a PDF is delivered, then downloaded at most 5 times', async () => {
    const maria = patron('21000002');
    const made = service.request(maria, 'article', anotherArticle(), { confirmOnLoan: false });
    assert.ok(made.kind === 'created');
    let read = false;
    const untouched = new Readable({
      read() {
        read = true;
        this.push(null);
      },
    });
    assert.equal((await copies.deliver(actor, made.id, untouched)).kind, 'not-deliverable');
    assert.equal(read, false);
    queue.changeStatus(actor, made.id, { status: 'sent', lender: 'L', dueDate: '', reason: '' });
    assert.deepEqual(await copies.deliver(actor, made.id, Readable.from([Buffer.from('GIF89a')])), {
      kind: 'upload-failed',
      failure: 'wrong-kind',
    });
    assert.deepEqual(readdirSync(uploadDir), []);
    const delivered = await copies.deliver(actor, made.id, Readable.from([minimalPdf('unit')]));
    assert.equal(delivered.kind, 'delivered');
    assert.equal(readdirSync(uploadDir).length, 1);
    assert.ok(recorded.some((r) => r.id === made.id && r.action === 'ill.copy-uploaded' && /bytes, SHA-256 [0-9a-f]{64}$/.test(r.detail)));
    assert.deepEqual(service.summary(maria).toDownload, 1);
    assert.deepEqual((await copies.download(patron('21000003'), made.id)).kind, 'not-found');
    for (let i = 1; i <= 5; i++) {
      const got = await copies.download(maria, made.id);
      assert.equal(got.kind, 'file', `download ${i}`);
      if (got.kind === 'file') await got.handle.close();
    }
    const gone = await copies.download(maria, made.id);
    assert.deepEqual(gone.kind === 'gone' && gone.state.kind, 'used-up');
    assert.deepEqual(readdirSync(uploadDir), []);
  });

  test('expireCopies deletes the files of copies past their 30 days, and only those', async () => {
    const maria = patron('21000002');
    const made = service.request(maria, 'article', anotherArticle(), { confirmOnLoan: false });
    assert.ok(made.kind === 'created');
    queue.changeStatus(actor, made.id, { status: 'sent', lender: 'L', dueDate: '', reason: '' });
    assert.equal((await copies.deliver(actor, made.id, Readable.from([minimalPdf('expiry')]))).kind, 'delivered');
    clock.advance(30 * DAY - 1);
    assert.equal(await copies.expireCopies(), 0);
    clock.advance(1);
    assert.equal(await copies.expireCopies(), 1);
    assert.deepEqual(readdirSync(uploadDir), []);
    const gone = await copies.download(maria, made.id);
    assert.equal(gone.kind === 'gone' && gone.state.kind, 'expired');
  });
});
