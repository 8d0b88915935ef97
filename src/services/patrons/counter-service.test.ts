import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createAuditRepo, type AuditRepo } from '../../db/staff/audit-repo.js';
import { createStaffRepo } from '../../db/staff/staff-repo.js';
import { createTestStorage, HEADER, registerPatrons, TEST_SECRET, type TestStorage } from '../../test-support/fixtures.js';
import { createAttemptGate } from '../auth/attempt-gate.js';
import { createAuthService } from '../auth/auth-service.js';
import { createCounterService, type CounterService } from './counter-service.js';
import type { PinReturnService } from '../pin/pin-return-service.js';

let storage: TestStorage;
let audit: AuditRepo;
let counter: CounterService;
let auth: ReturnType<typeof createAuthService>;
let sessionsEnded: number[];
let by: { staffId: number; clientAddress: string };

beforeEach(async () => {
  storage = createTestStorage();
  audit = createAuditRepo(asDatabase(storage.db));
  sessionsEnded = [];
  const gate = createAttemptGate({ db: asDatabase(storage.db), attempts: storage.attempts, clock: storage.clock });
  auth = createAuthService({ patrons: storage.patrons, gate, hasher: storage.hasher });
  counter = createCounterService({
    db: asDatabase(storage.db),
    patrons: storage.patrons,
    attempts: storage.attempts,
    audit,
    gate,
    hasher: storage.hasher,
    pinReturn: {} as PinReturnService,
    clock: storage.clock,
    secret: TEST_SECRET,
    endSessionsOf: (patronId) => sessionsEnded.push(patronId),
  });
  by = {
    staffId: createStaffRepo(asDatabase(storage.db)).insert('counter', ['circulation'], 'not-a-hash', storage.clock.now()),
    clientAddress: '127.0.0.1',
  };
  await registerPatrons(storage, `${HEADER}\n21000001,Chan Tai Man,,Z123456(7),,,,\n`);
});

const DETAILS = { name: 'Chan Tai Man', email: '', patron_type: 'undergraduate', expiry_date: '' };
const loginAs = (pin: string) => auth.login({ barcode: '21000001', pin }, '10.0.0.1').then((outcome) => outcome.kind);

describe('Edit patron', () => {
  test('a corrected ID number of a patron on the default PIN changes the PIN he logs in with, and his sessions end', async () => {
    const result = await counter.edit('21000001', { ...DETAILS, hkid: 'A123456(3)' }, by);
    assert.ok(result.kind === 'saved');
    assert.deepEqual(result.changes, ['id_number']);
    assert.equal(result.pin, 'default-changed');
    assert.deepEqual(sessionsEnded, [result.patron.id]);
    assert.notEqual(await loginAs('A12345'), 'incorrect');
    assert.equal(await loginAs('Z12345'), 'incorrect');
  });

  test('a PIN the patron chose is never touched: only the default behind it changes', async () => {
    const patron = storage.patrons.findByBarcode('21000001')!;
    storage.patrons.setChosenPinHash(patron.id, await storage.hasher.hash('K7M2P9'), storage.clock.now());
    const chosen = storage.patrons.findByBarcode('21000001')!.chosenPinHash;
    const result = await counter.edit('21000001', { ...DETAILS, passport: 'XY12345678' }, by);
    assert.ok(result.kind === 'saved');
    assert.equal(result.pin, 'chosen-kept');
    assert.deepEqual(sessionsEnded, []);
    const edited = storage.patrons.findByBarcode('21000001')!;
    assert.equal(edited.chosenPinHash, chosen);
    assert.equal(edited.idDocument, 'passport');
    assert.notEqual(edited.defaultPinHash, patron.defaultPinHash);
    assert.notEqual(await loginAs('K7M2P9'), 'incorrect');
  });

  test('the same number typed again changes nothing and writes no audit entry; other details are audited by name only', async () => {
    const same = await counter.edit('21000001', { ...DETAILS, hkid: 'Z123456(7)' }, by);
    assert.ok(same.kind === 'saved');
    assert.deepEqual(same.changes, []);
    assert.deepEqual(audit.search({ limit: 5 }), []);
    const renamed = await counter.edit('21000001', { ...DETAILS, name: 'Chan Tai-man', email: 'tm@example.edu' }, by);
    assert.ok(renamed.kind === 'saved');
    assert.deepEqual(
      audit.search({ limit: 5 }).map((e) => [e.action, e.detail]),
      [['patron.edited', 'name,email']],
    );
  });

  test('an unknown barcode and bad details change nothing', async () => {
    assert.deepEqual(await counter.edit('NOBODY1', DETAILS, by), { kind: 'not-found' });
    const before = storage.patrons.findByBarcode('21000001');
    const refused = await counter.edit('21000001', { ...DETAILS, name: '', hkid: 'nonsense' }, by);
    assert.deepEqual(refused.kind === 'invalid' && refused.problems.map((p) => p.code), ['NAME_MISSING', 'HKID_MALFORMED']);
    assert.deepEqual(storage.patrons.findByBarcode('21000001'), before);
  });
});

test("failures typed for a barcode before it was registered neither show on the new patron's record nor block him", async () => {
  for (let i = 0; i < 5; i++)
    assert.equal(await auth.login({ barcode: '22000001', pin: `WRONG${i}` }, '10.0.0.2').then((o) => o.kind), 'incorrect');
  storage.clock.advance(1000);
  const registered = await counter.register({ barcode: '22000001', name: 'Ho Ka Yan', hkid: 'A123456(3)', expiry_date: '2030-08-31' }, by);
  assert.equal(registered.kind, 'registered');
  const overview = counter.overview('22000001')!;
  assert.deepEqual(overview.attempts, []);
  assert.equal(overview.block.blocked, false);
});
