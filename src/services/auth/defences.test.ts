import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import bcrypt from 'bcrypt';
import { createAttemptGate, DEFAULT_GATE_SETTINGS } from './attempt-gate.js';
import { createAuthService } from './auth-service.js';
import { createBcryptHasher } from '../pin/pin-hasher.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from '../../test-support/fixtures.js';

let storage: TestStorage;
let gate: ReturnType<typeof createAttemptGate>;
let auth: ReturnType<typeof createAuthService>;

beforeEach(async () => {
  storage = createTestStorage();
  gate = createAttemptGate({ db: asDatabase(storage.db), attempts: storage.attempts, clock: storage.clock });
  auth = createAuthService({ patrons: storage.patrons, gate, hasher: storage.hasher });
  await registerPatrons(storage, `${HEADER}\n21000001,Chan Tai Man,,Z123456(7),,,,\n`);
});

/** Wrong PINs, five a minute (the most the one-minute block lets through). */
async function failInARow(n: number, barcode = '21000001', address = '10.0.0.1') {
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 5 === 0) storage.clock.advance(60_000);
    assert.equal((await auth.login({ barcode, pin: 'WRONG1' }, address)).kind, 'incorrect', `failure ${i + 1}`);
  }
  storage.clock.advance(60_000);
}

describe('the hard limit: 100 failures in a row', () => {
  test('after 100 failures in a row PIN login stops, even with the right PIN and after any wait', async () => {
    await failInARow(100);
    storage.clock.advance(24 * 3_600_000);
    const compares = storage.hasher.compares;
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'Z12345' }, '10.0.0.2'), {
      kind: 'blocked',
      refusal: { reason: 'suspended' },
    });
    assert.equal(storage.hasher.compares, compares, 'no PIN is checked');
  });

  test('99 failures do not suspend, and a success starts the count again', async () => {
    await failInARow(99);
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, '10.0.0.2')).kind, 'success');
    await failInARow(99);
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, '10.0.0.2')).kind, 'success');
  });

  test('an unknown barcode is suspended the same way, so the suspension reveals nothing', async () => {
    await failInARow(100, '99999999');
    assert.deepEqual(await auth.login({ barcode: '99999999', pin: 'X12345' }, '10.0.0.2'), {
      kind: 'blocked',
      refusal: { reason: 'suspended' },
    });
  });

  test('a reset of the PIN ends the suspension', async () => {
    await failInARow(100);
    gate.clearSuspension('21000001');
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, '10.0.0.2')).kind, 'success');
  });
});

describe('the limit per client address, across barcodes', () => {
  test('one address spraying a PIN over many barcodes is refused after 50 failures in 10 minutes; another address is not', async () => {
    for (let i = 0; i < 50; i++) {
      assert.equal((await auth.login({ barcode: `5000${String(i).padStart(4, '0')}`, pin: '123456' }, '10.9.9.9')).kind, 'incorrect');
    }
    const refused = await auth.login({ barcode: '21000001', pin: 'Z12345' }, '10.9.9.9');
    assert.equal(refused.kind, 'blocked');
    assert.equal(refused.kind === 'blocked' && refused.refusal.reason, 'address');
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, '10.1.1.1')).kind, 'success');
    storage.clock.advance(10 * 60_000);
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, '10.9.9.9')).kind, 'success');
  });

  test('the default settings are the ones the README gives', () => {
    assert.deepEqual(DEFAULT_GATE_SETTINGS.addressLockout, { maxFailures: 50, windowMs: 600_000 });
    assert.equal(DEFAULT_GATE_SETTINGS.hardLockFailures, 100);
  });
});

describe('a hash made at a lower cost is replaced at the next successful login', () => {
  test('the default PIN hash made at cost 4 becomes cost 5; the PIN still works and its time is unchanged', async () => {
    const stronger = createBcryptHasher(5);
    const upgrading = createAuthService({ patrons: storage.patrons, gate, hasher: stronger });
    const before = storage.patrons.findByBarcode('21000001')!;
    assert.equal(bcrypt.getRounds(before.defaultPinHash), 4);
    assert.equal((await upgrading.login({ barcode: '21000001', pin: 'Z12345' }, '10.0.0.1')).kind, 'success');
    const after = storage.patrons.findByBarcode('21000001')!;
    assert.equal(bcrypt.getRounds(after.defaultPinHash), 5);
    assert.equal(after.pinChangedAt, before.pinChangedAt);
    assert.equal((await upgrading.login({ barcode: '21000001', pin: 'z12345' }, '10.0.0.1')).kind, 'success');
  });

  test('a wrong PIN upgrades nothing', async () => {
    const upgrading = createAuthService({ patrons: storage.patrons, gate, hasher: createBcryptHasher(5) });
    await upgrading.login({ barcode: '21000001', pin: 'WRONG1' }, '10.0.0.1');
    assert.equal(bcrypt.getRounds(storage.patrons.findByBarcode('21000001')!.defaultPinHash), 4);
  });
});
