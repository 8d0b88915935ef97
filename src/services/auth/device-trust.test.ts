import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { createAttemptGate, DEFAULT_GATE_SETTINGS } from './attempt-gate.js';
import { createAuthService } from './auth-service.js';
import { createTrustedDeviceRepo } from '../../db/auth/trusted-device-repo.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from '../../test-support/fixtures.js';

let storage: TestStorage;
let gate: ReturnType<typeof createAttemptGate>;
let auth: ReturnType<typeof createAuthService>;

const SUSPENDED = { kind: 'blocked', refusal: { reason: 'suspended' } };
const HOME = '10.0.0.1';

beforeEach(async () => {
  storage = createTestStorage();
  gate = createAttemptGate({ db: asDatabase(storage.db), attempts: storage.attempts, clock: storage.clock });
  auth = createAuthService({ patrons: storage.patrons, gate, hasher: storage.hasher });
  await registerPatrons(storage, `${HEADER}\n21000001,Chan Tai Man,,Z123456(7),,,,\n21000002,Maria Santos,,,XY12345678,,,\n`);
});

const PIN: Record<string, string> = { '21000001': 'Z12345', '21000002': 'XY1234' };

/** Logs in with the right PIN from the browser holding `device`; returns the browser's new device id. */
async function logIn(barcode = '21000001', device?: string): Promise<string> {
  const result = await auth.login({ barcode, pin: PIN[barcode]! }, HOME, device);
  assert.equal(result.kind, 'success');
  assert.ok(result.kind === 'success' && result.device);
  return result.device;
}

/** Wrong PINs, five a minute, each from another address: a stranger who stays under every other limit. */
async function strangerFails(n: number, barcode = '21000001') {
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 5 === 0) storage.clock.advance(60_000);
    assert.equal((await auth.login({ barcode, pin: 'WRONG1' }, `203.0.${i >> 8}.${i & 255}`)).kind, 'incorrect', `failure ${i + 1}`);
  }
  storage.clock.advance(60_000);
}

/** Wrong PINs from the patron's own browser, five a minute. */
async function deviceFails(n: number, device: string, barcode = '21000001') {
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 5 === 0) storage.clock.advance(60_000);
    assert.equal((await auth.login({ barcode, pin: 'WRONG1' }, HOME, device)).kind, 'incorrect', `failure ${i + 1}`);
  }
  storage.clock.advance(60_000);
}

describe('device cookies: strangers cannot lock a patron out of his own browser', () => {
  test("after a stranger's 100 failures the barcode is stopped elsewhere, but the browser the patron logged in from still logs him in", async () => {
    const mine = await logIn();
    await strangerFails(100);
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'Z12345' }, HOME), SUSPENDED, 'a browser without the cookie');
    await logIn('21000001', mine);
    assert.deepEqual(
      await auth.login({ barcode: '21000001', pin: 'Z12345' }, '203.0.9.9'),
      SUSPENDED,
      'his success does not free the stranger',
    );
  });

  test('a device id that was never issued, or one trusted for another barcode, gives no trust', async () => {
    const marias = await logIn('21000002');
    await strangerFails(100);
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'Z12345' }, HOME, marias), SUSPENDED);
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'Z12345' }, HOME, 'A'.repeat(43)), SUSPENDED);
  });

  test('a trusted browser has its own budget: after 10 failures in a row it is trusted no more', async () => {
    const mine = await logIn();
    await strangerFails(100);
    await deviceFails(10, mine);
    const compares = storage.hasher.compares;
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'Z12345' }, HOME, mine), SUSPENDED);
    assert.equal(storage.hasher.compares, compares, 'no PIN is checked');
  });

  test('concurrent attempts from a trusted browser cannot overdraw its budget: undecided ones count', async () => {
    const mine = await logIn();
    await strangerFails(100);
    await deviceFails(8, mine);
    const compares = storage.hasher.compares;
    const results = await Promise.all(Array.from({ length: 5 }, () => auth.login({ barcode: '21000001', pin: 'WRONG1' }, HOME, mine)));
    assert.deepEqual(results.map((r) => r.kind).sort(), ['blocked', 'blocked', 'blocked', 'incorrect', 'incorrect']);
    assert.equal(storage.hasher.compares - compares, 2, 'two PINs checked: the 9th and 10th of the budget');
  });

  test('9 failures leave the trust in place, and a success starts the budget again', async () => {
    let mine = await logIn();
    await strangerFails(100);
    await deviceFails(9, mine);
    mine = await logIn('21000001', mine);
    await deviceFails(9, mine);
    await logIn('21000001', mine);
  });

  test("the patron's own typos in his trusted browser never count toward the barcode's hard limit", async () => {
    let mine = await logIn();
    for (let round = 0; round < 12; round++) {
      await deviceFails(9, mine);
      mine = await logIn('21000001', mine);
    }
    await logIn('21000001');
  });

  test('the one-minute block applies to a trusted browser as to anyone', async () => {
    const mine = await logIn();
    for (let i = 0; i < 5; i++) await auth.login({ barcode: '21000001', pin: 'WRONG1' }, `203.0.113.${i}`);
    storage.clock.advance(5_000);
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'Z12345' }, HOME, mine), {
      kind: 'blocked',
      refusal: { reason: 'key', retryAfterSeconds: 55 },
    });
  });

  test('each login gives the browser a new id: an older copy of its cookie is trusted no more; its other barcodes move with it', async () => {
    const first = await logIn('21000001');
    const second = await logIn('21000002', first);
    assert.notEqual(second, first);
    await strangerFails(100, '21000001');
    await strangerFails(100, '21000002');
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'Z12345' }, HOME, first), SUSPENDED, 'the old copy');
    const third = await logIn('21000001', second);
    await logIn('21000002', third);
  });

  test('trust ends 180 days after the last login in that browser', async () => {
    const mine = await logIn();
    storage.clock.advance(180 * 86_400_000);
    await strangerFails(100);
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'Z12345' }, HOME, mine), SUSPENDED);
  });

  test('a barcode is trusted in its 20 most recently used browsers: a 21st login without the cookie forgets the oldest', async () => {
    const browsers: string[] = [];
    for (let i = 0; i < 21; i++) {
      browsers.push(await logIn());
      storage.clock.advance(1000);
    }
    assert.equal(storage.db.prepare("SELECT COUNT(*) FROM trusted_devices WHERE attempt_key = '21000001'").pluck().get(), 20);
    await strangerFails(100);
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'Z12345' }, HOME, browsers[0]), SUSPENDED, 'the oldest is forgotten');
    await logIn('21000001', browsers[1]);
  });

  test('DEVICE_MAX_FAILURES 0 turns device trust off: no id is issued', async () => {
    const untrusting = createAttemptGate({
      db: asDatabase(storage.db),
      attempts: storage.attempts,
      clock: storage.clock,
      settings: { ...DEFAULT_GATE_SETTINGS, deviceMaxFailures: 0 },
    });
    const strict = createAuthService({ patrons: storage.patrons, gate: untrusting, hasher: storage.hasher });
    const result = await strict.login({ barcode: '21000001', pin: 'Z12345' }, HOME);
    assert.equal(result.kind === 'success' && result.device, null);
  });

  test('only a hash of the device id is stored, and the record is deleted once it has expired', async () => {
    const mine = await logIn();
    const stored = storage.db.prepare('SELECT device_hash, attempt_key FROM trusted_devices').all() as Array<{
      device_hash: string;
      attempt_key: string;
    }>;
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.attempt_key, '21000001');
    assert.notEqual(stored[0]!.device_hash, mine);
    assert.match(stored[0]!.device_hash, /^[0-9a-f]{64}$/);
    const devices = createTrustedDeviceRepo(asDatabase(storage.db));
    assert.equal(devices.deleteExpired(storage.clock.now() + 179 * 86_400_000), 0);
    assert.equal(devices.deleteExpired(storage.clock.now() + 180 * 86_400_000), 1);
  });
});

describe('a sign-in of several factors: only the last ends the streak', () => {
  const right = () => Promise.resolve(true);
  const wrong = () => Promise.resolve(false);
  const notLast = { isLast: () => false };

  test('a right first factor neither ends the streak nor clears a trusted device’s count; the last one does', async () => {
    for (let i = 0; i < 4; i++) await gate.verify('staff:m.chan', { clientAddress: HOME }, wrong);
    assert.equal(storage.attempts.failuresInARow('staff:m.chan'), 4);
    assert.deepEqual(await gate.verify('staff:m.chan', { clientAddress: HOME }, right, notLast), { blocked: false, ok: true });
    assert.equal(storage.attempts.failuresInARow('staff:m.chan'), 4, 'the password alone ends nothing');
    await gate.verify('staff:m.chan', { clientAddress: HOME }, wrong);
    assert.equal(storage.attempts.failuresInARow('staff:m.chan'), 5);
    storage.clock.advance(60_000);
    await gate.verify('staff:m.chan', { clientAddress: HOME }, right);
    assert.equal(storage.attempts.failuresInARow('staff:m.chan'), 0);

    const device = gate.trustDevice('staff:m.chan', undefined)!;
    const devices = createTrustedDeviceRepo(asDatabase(storage.db));
    const hash = createHash('sha256').update(device).digest('hex');
    await gate.verify('staff:m.chan', { clientAddress: HOME, device }, wrong);
    await gate.verify('staff:m.chan', { clientAddress: HOME, device }, right, notLast);
    assert.equal(devices.find(hash, 'staff:m.chan')?.failures, 2, 'undecided until the last factor');
    await gate.verify('staff:m.chan', { clientAddress: HOME, device }, right);
    assert.equal(devices.find(hash, 'staff:m.chan')?.failures, 0);
  });

  test('a right first factor is no failure in the one-minute window', async () => {
    for (let i = 0; i < 4; i++) await gate.verify('staff:m.chan', { clientAddress: HOME }, wrong);
    await gate.verify('staff:m.chan', { clientAddress: HOME }, right, notLast);
    assert.equal((await gate.verify('staff:m.chan', { clientAddress: HOME }, wrong)).blocked, false);
    assert.equal((await gate.verify('staff:m.chan', { clientAddress: HOME }, right)).blocked, true);
  });
});
