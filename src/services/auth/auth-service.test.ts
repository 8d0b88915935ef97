import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createAttemptGate } from './attempt-gate.js';
import { createAuthService } from './auth-service.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from '../../test-support/fixtures.js';

let storage: TestStorage;
let auth: ReturnType<typeof createAuthService>;
const ip = '127.0.0.1';

beforeEach(async () => {
  storage = createTestStorage();
  const gate = createAttemptGate({ db: asDatabase(storage.db), attempts: storage.attempts, clock: storage.clock });
  auth = createAuthService({ patrons: storage.patrons, gate, hasher: storage.hasher });
  await registerPatrons(storage, `${HEADER}\n21000001,Chan Tai Man,,Z123456(7),,,,\n`);
  storage.hasher.compares = 0;
});

async function failTimes(n: number, barcode = '21000001') {
  for (let i = 0; i < n; i++) {
    assert.equal((await auth.login({ barcode, pin: 'WRONG1' }, ip)).kind, 'incorrect');
    storage.clock.advance(1000);
  }
}

describe('logging in', () => {
  test('the default PIN opens the account, in any case, with the barcode in any case and spacing', async () => {
    const result = await auth.login({ barcode: ' 21000001 ', pin: 'z12345' }, ip);
    assert.equal(result.kind, 'success');
  });

  test('a wrong PIN and an unknown barcode get the same answer and one bcrypt comparison each', async () => {
    assert.deepEqual(await auth.login({ barcode: '21000001', pin: 'WRONG1' }, ip), { kind: 'incorrect' });
    assert.deepEqual(await auth.login({ barcode: '99999999', pin: 'WRONG1' }, ip), { kind: 'incorrect' });
    assert.equal(storage.hasher.compares, 2);
  });

  test('malformed input is refused before any look-up or attempt', async () => {
    const result = await auth.login({ barcode: 'a-b', pin: '123456789' }, ip);
    assert.deepEqual(result, {
      kind: 'malformed',
      errors: [
        { field: 'barcode', code: 'BARCODE_MALFORMED' },
        { field: 'pin', code: 'PIN_MALFORMED' },
      ],
    });
    assert.equal(storage.hasher.compares, 0);
    assert.equal(storage.db.prepare('SELECT COUNT(*) FROM login_attempts').pluck().get(), 0);
  });
});

describe('the one-minute block, with a fake clock', () => {
  test('five failures are each checked; the sixth attempt is refused even with the right PIN', async () => {
    await failTimes(5);
    assert.equal(storage.hasher.compares, 5);
    const sixth = await auth.login({ barcode: '21000001', pin: 'Z12345' }, ip);
    assert.deepEqual(sixth, { kind: 'blocked', refusal: { reason: 'key', retryAfterSeconds: 55 } });
    assert.equal(storage.hasher.compares, 5, 'a blocked attempt checks no PIN');
  });

  test('the window slides: when the oldest failure turns 60 seconds old, the right PIN works again', async () => {
    await failTimes(5); // failures at t0 .. t0+4 s, clock now t0+5 s
    storage.clock.advance(54_999); // t0 + 59.999 s
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, ip)).kind, 'blocked');
    storage.clock.advance(1); // t0 + 60 s: the first failure is a minute old
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, ip)).kind, 'success');
  });

  test('blocked attempts do not count toward the window, and are kept as one row per minute', async () => {
    await failTimes(5);
    for (let i = 0; i < 20; i++) assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, ip)).kind, 'blocked');
    storage.clock.advance(60_000);
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, ip)).kind, 'success');
    const blockedRows = storage.db.prepare("SELECT count FROM login_attempts WHERE outcome = 'blocked'").pluck().all();
    assert.deepEqual(blockedRows, [20]);
  });

  test('an unknown barcode is counted and blocked the same way', async () => {
    await failTimes(5, '99999999');
    assert.equal(storage.hasher.compares, 5);
    assert.deepEqual(await auth.login({ barcode: '99999999', pin: 'WRONG1' }, ip), {
      kind: 'blocked',
      refusal: { reason: 'key', retryAfterSeconds: 55 },
    });
  });

  test('a success does not wipe earlier failures', async () => {
    await failTimes(4);
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, ip)).kind, 'success');
    await failTimes(1);
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, ip)).kind, 'blocked');
  });

  test('the block is per barcode: another patron is not affected', async () => {
    await failTimes(5, '99999999');
    assert.equal((await auth.login({ barcode: '21000001', pin: 'Z12345' }, ip)).kind, 'success');
  });

  test('fifty concurrent wrong attempts check at most five PINs', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => auth.login({ barcode: '21000001', pin: 'WRONG1' }, ip)));
    assert.equal(storage.hasher.compares, 5);
    assert.equal(results.filter((r) => r.kind === 'incorrect').length, 5);
    assert.equal(results.filter((r) => r.kind === 'blocked').length, 45);
  });
});
