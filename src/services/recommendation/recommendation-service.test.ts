/**
 * The recommendation services, the patron's and the acquisitions queue, on an in-memory database
 * with a fake clock, fake mail and a fake circulation request: the rules without HTTP (the pages
 * are tested in src/web/recommendation/, in the *.int.test.ts files).
 */
import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createTestStorage, type TestStorage } from '../../test-support/fixtures.js';
import { loadDemoPatrons } from '../../demo/demo-patrons.js';
import { createAuditRepo } from '../../db/staff/audit-repo.js';
import { createCatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import { createRecommendationRepo } from '../../db/recommendation/recommendation-repo.js';
import { createRequestRepo } from '../../db/circulation/request-repo.js';
import { createStaffRepo } from '../../db/staff/staff-repo.js';
import { createStatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { RecommendationFields } from '../../domain/recommendation/recommendation-form.js';
import type { PatronNotices } from '../mail/patron-notices.js';
import type { PlaceRequestResult } from '../circulation/circulation-service.js';
import { createRecommendationQueueService, type RecommendationQueueService } from './recommendation-queue-service.js';
import { createRecommendationService, type RecommendationService } from './recommendation-service.js';

const DAY_MS = 86_400_000;
const EMMA_ISBN = '9780860005483';

let storage: TestStorage;
let service: RecommendationService;
let queue: RecommendationQueueService;
let mails: Array<{ to: string; subject: string; body: string; params: Record<string, string | number> }>;
let placed: Array<{ barcode: string; recordId: number; pickup: number }>;
let refuseRequests: boolean;
let staffId: number;
let emmaId: number;

const fields = (over: Partial<RecommendationFields>): RecommendationFields => ({
  title: 'A New Book',
  author: '',
  isbn: '',
  publisher: '',
  year: '',
  format: 'print',
  reason: 'research',
  note: '',
  request_when_available: '',
  pickup: '',
  ...over,
});
const patron = (barcode: string): Patron => storage.patrons.findByBarcode(barcode)!;
const by = () => ({ staffId, clientAddress: '192.0.2.1' });
const change = (
  status: 'accepted' | 'ordered' | 'available' | 'rejected',
  extra: { reason?: 'price' | null; recordIsbn?: string } = {},
) => ({ status, reason: extra.reason ?? null, note: '', recordIsbn: extra.recordIsbn ?? '' });

beforeEach(async () => {
  storage = createTestStorage();
  await loadDemoPatrons({ importer: storage.importer, patrons: storage.patrons, hasher: storage.hasher, now: storage.clock.now });
  const { db, clock } = storage;
  const catalogue = createCatalogueRepo(asDatabase(db));
  emmaId = catalogue.upsertRecord({ isbn: EMMA_ISBN, title: 'Emma', author: 'Austen, Jane', publisher: null, year: 1815, subjects: '' });
  staffId = createStaffRepo(asDatabase(db)).insert('buyer', ['acquisitions'], 'hash', clock.now());
  mails = [];
  placed = [];
  refuseRequests = false;
  const notices = {
    statusChanged(p: Patron, mail: { subject: string; body: string; params: unknown }) {
      const params =
        typeof mail.params === 'function'
          ? (mail.params as (l: unknown) => Record<string, string | number>)({
              t: (k: string) => k,
              formatDate: (d: string) => d,
              formatMoney: (m: number) => String(m),
            })
          : (mail.params as Record<string, string | number>);
      mails.push({ to: p.barcode, subject: mail.subject, body: mail.body, params });
    },
  } as unknown as PatronNotices;
  const recommendations = createRecommendationRepo(asDatabase(db));
  const requests = createRequestRepo(asDatabase(db));
  const history = createStatusHistoryRepo(asDatabase(db));
  service = createRecommendationService({ db: asDatabase(db), recommendations, catalogue, requests, history, clock });
  queue = createRecommendationQueueService({
    db: asDatabase(db),
    recommendations,
    catalogue,
    requests,
    patrons: storage.patrons,
    history,
    audit: createAuditRepo(asDatabase(db)),
    notices,
    placeRequest: (p, recordId, pickup): PlaceRequestResult => {
      if (refuseRequests) return { ok: false, refusal: { code: 'REQUEST_LIMIT', allowed: 5 } };
      placed.push({ barcode: p.barcode, recordId, pickup });
      return { ok: true, requestId: 1, position: 3, title: 'Emma' };
    },
    clock,
    publicUrl: 'https://library.invalid',
  });
});

describe('recommending', () => {
  test('a new book is stored as submitted, with the recommender as its first supporter and "submitted" in its history', () => {
    const result = service.recommend(patron('21000001'), fields({ title: 'Ficciones', author: 'Borges' }), false);
    assert.equal(result.kind, 'recommended');
    const [item] = service.listOf(patron('21000001'), 1).items;
    assert.equal(item?.status, 'submitted');
    assert.equal(item?.supporterCount, 1);
    assert.deepEqual(
      item?.history.map((h) => [h.status, h.staffUsername]),
      [['submitted', null]],
    );
  });

  test('a book the catalogue holds, by ISBN or by title and author, asks to confirm; confirmed, it is stored', () => {
    for (const over of [
      { isbn: EMMA_ISBN, title: 'Anything' },
      { title: 'EMMA.', author: 'Jane Austen' },
    ]) {
      const result = service.recommend(patron('21000001'), fields(over), false);
      assert.equal(result.kind, 'held');
      assert.equal(result.kind === 'held' && result.record.id, emmaId);
    }
    assert.equal(service.listOf(patron('21000001'), 1).total, 0);
    assert.equal(service.recommend(patron('21000001'), fields({ title: 'Emma', author: 'Jane Austen' }), true).kind, 'recommended');
  });

  test('the same open book from another patron adds a supporter and no recommendation', () => {
    service.recommend(patron('21000001'), fields({ title: 'Shared' }), false);
    const second = service.recommend(patron('21000002'), fields({ title: 'shared!' }), false);
    assert.equal(second.kind, 'supporter-added');
    assert.equal(second.kind === 'supporter-added' && second.recommendation.supporterCount, 2);
    assert.equal(storage.db.prepare('SELECT COUNT(*) FROM recommendations').pluck().get(), 1);
    assert.equal(service.recommend(patron('21000002'), fields({ title: 'Shared' }), false).kind, 'already-supporting');
    assert.equal(service.recommend(patron('21000001'), fields({ title: 'Shared' }), false).kind, 'already-yours');
  });

  test('over the open limit of his type, refused with the number; supporting stays allowed', () => {
    storage.db.prepare("UPDATE recommendation_limits SET open_allowed = 1 WHERE patron_type = 'undergraduate'").run();
    service.recommend(patron('21000001'), fields({ title: 'First' }), false);
    assert.deepEqual(service.recommend(patron('21000001'), fields({ title: 'Second' }), false), {
      kind: 'limit',
      refusal: { code: 'OPEN_LIMIT', allowed: 1 },
    });
    service.recommend(patron('21000002'), fields({ title: 'Maria’s' }), false);
    assert.equal(service.recommend(patron('21000001'), fields({ title: 'Maria’s' }), false).kind, 'supporter-added');
  });

  test('the window counts what he made in the last days, closed ones too, and lets go of older ones', () => {
    storage.db.prepare("UPDATE recommendation_limits SET window_allowed = 2, window_days = 30 WHERE patron_type = 'undergraduate'").run();
    for (const title of ['One', 'Two']) {
      service.recommend(patron('21000001'), fields({ title }), false);
    }
    const one = service.listOf(patron('21000001'), 1).items.find((r) => r.title === 'One')!;
    assert.equal(service.cancel(patron('21000001'), one.id).kind, 'cancelled');
    assert.deepEqual(service.recommend(patron('21000001'), fields({ title: 'Three' }), false), {
      kind: 'limit',
      refusal: { code: 'WINDOW_LIMIT', allowed: 2, days: 30 },
    });
    storage.clock.advance(30 * DAY_MS + 1);
    assert.equal(service.recommend(patron('21000001'), fields({ title: 'Three' }), false).kind, 'recommended');
  });

  test('invalid fields come back with every problem, and nothing is stored', () => {
    const result = service.recommend(patron('21000001'), fields({ title: '', year: '12345', reason: 'other' }), false);
    assert.equal(result.kind, 'invalid');
    assert.deepEqual(result.kind === 'invalid' && result.problems.map((p) => p.code), [
      'TITLE_REQUIRED',
      'YEAR_INVALID',
      'NOTE_REQUIRED_FOR_OTHER',
    ]);
  });
});

describe('staff changes', () => {
  test('each supporter is mailed, the history names the member of staff, the audit log has one row per recommendation', () => {
    service.recommend(patron('21000001'), fields({ title: 'Mailed' }), false);
    service.recommend(patron('21000002'), fields({ title: 'Mailed' }), false);
    const id = service.listOf(patron('21000001'), 1).items[0]!.id;
    const result = queue.changeStatus(by(), [id], change('accepted'));
    assert.deepEqual(result, { kind: 'done', outcomes: [{ kind: 'changed', id, title: 'Mailed', status: 'accepted', requests: 0 }] });
    assert.deepEqual(mails.map((m) => [m.to, m.body]).sort(), [
      ['21000001', 'mail.rec.changed.body'],
      ['21000002', 'mail.rec.changed.body'],
    ]);
    assert.deepEqual(
      service.listOf(patron('21000002'), 1).items[0]!.history.map((h) => [h.status, h.staffUsername]),
      [
        ['submitted', null],
        ['accepted', 'buyer'],
      ],
    );
    const audit = storage.db.prepare("SELECT detail, client_address FROM audit_log WHERE action = 'recommendation.status-changed'").all();
    assert.deepEqual(audit, [{ detail: `${id} "Mailed": accepted (2 mailed)`, client_address: '192.0.2.1' }]);
  });

  test('a step out of order is not allowed and changes nothing; an unknown id is not found', () => {
    service.recommend(patron('21000001'), fields({ title: 'Order' }), false);
    const id = service.listOf(patron('21000001'), 1).items[0]!.id;
    assert.deepEqual(queue.changeStatus(by(), [id, 999], change('ordered')), {
      kind: 'done',
      outcomes: [
        { kind: 'not-allowed', id, title: 'Order', from: 'submitted' },
        { kind: 'not-found', id: 999 },
      ],
    });
    assert.equal(mails.length, 0);
  });

  test('available needs a record by ISBN; then each supporter who asked gets a request, and one refused is told why', () => {
    service.recommend(patron('21000001'), fields({ title: 'Arrives', request_when_available: 'yes', pickup: '2' }), false);
    service.recommend(patron('21000002'), fields({ title: 'Arrives', request_when_available: 'yes', pickup: '1' }), false);
    service.recommend(patron('21000004'), fields({ title: 'Arrives' }), false);
    const id = service.listOf(patron('21000001'), 1).items[0]!.id;
    queue.changeStatus(by(), [id], change('accepted'));
    queue.changeStatus(by(), [id], change('ordered'));
    assert.deepEqual(queue.changeStatus(by(), [id], change('available', { recordIsbn: '9780306406157' })), { kind: 'no-such-record' });
    mails = [];
    const result = queue.changeStatus(by(), [id], change('available', { recordIsbn: '0-86000-548-8' }));
    assert.equal(result.kind === 'done' && result.outcomes[0]?.kind === 'changed' && result.outcomes[0].requests, 2);
    assert.deepEqual(placed, [
      { barcode: '21000001', recordId: emmaId, pickup: 2 },
      { barcode: '21000002', recordId: emmaId, pickup: 1 },
    ]);
    assert.deepEqual(
      mails.map((m) => [m.to, m.body]),
      [
        ['21000001', 'mail.rec.availableRequested.body'],
        ['21000002', 'mail.rec.availableRequested.body'],
        ['21000004', 'mail.rec.available.body'],
      ],
    );
    assert.equal(mails[0]!.params.position, 3);
  });

  test('a refused request is put in words for the mail', () => {
    refuseRequests = true;
    service.recommend(patron('21000001'), fields({ title: 'Refused', request_when_available: 'yes', pickup: '1' }), false);
    const id = service.listOf(patron('21000001'), 1).items[0]!.id;
    for (const status of ['accepted', 'ordered'] as const) queue.changeStatus(by(), [id], change(status));
    queue.changeStatus(by(), [id], change('available', { recordIsbn: EMMA_ISBN }));
    const mail = mails.at(-1)!;
    assert.equal(mail.body, 'mail.rec.availableRefused.body');
    assert.equal(mail.params.refusal, 'cat.refused.REQUEST_LIMIT');
  });

  test('a rejected or cancelled recommendation frees the book: it may be recommended again', () => {
    service.recommend(patron('21000001'), fields({ title: 'Again' }), false);
    const id = service.listOf(patron('21000001'), 1).items[0]!.id;
    queue.changeStatus(by(), [id], change('rejected', { reason: 'price' }));
    assert.equal(service.recommend(patron('21000002'), fields({ title: 'Again' }), false).kind, 'recommended');
  });
});
