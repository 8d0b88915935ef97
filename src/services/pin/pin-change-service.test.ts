import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createAuditRepo } from '../../db/staff/audit-repo.js';
import { createResetTokenRepo, type ResetTokenRepo } from '../../db/pin/reset-token-repo.js';
import { sha256Hex } from '../../lib/hash-token.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from '../../test-support/fixtures.js';
import { createAttemptGate, DEFAULT_GATE_SETTINGS } from '../auth/attempt-gate.js';
import { createPatronNotices } from '../mail/patron-notices.js';
import { createPinChangeService, type PinChangeForm, type PinChangeService } from './pin-change-service.js';

const HARD_LIMIT = 10;

let storage: TestStorage;
let tokens: ResetTokenRepo;
let pinChange: PinChangeService;
let patronId: number;

beforeEach(async () => {
  storage = createTestStorage();
  tokens = createResetTokenRepo(asDatabase(storage.db));
  const gate = createAttemptGate({
    db: asDatabase(storage.db),
    attempts: storage.attempts,
    clock: storage.clock,
    settings: { ...DEFAULT_GATE_SETTINGS, hardLockFailures: HARD_LIMIT },
  });
  pinChange = createPinChangeService({
    db: asDatabase(storage.db),
    patrons: storage.patrons,
    tokens,
    audit: createAuditRepo(asDatabase(storage.db)),
    notices: createPatronNotices({ mailer: { send: async () => {} }, publicUrl: 'http://localhost', logger: { info() {}, error() {} } }),
    gate,
    hasher: storage.hasher,
    clock: storage.clock,
    minPinLength: 6,
    commonPins: null,
    endSessionsOf() {},
  });
  // Chan Tai Man's default PIN is Z12345; he has chosen K7M2P9.
  await registerPatrons(storage, `${HEADER}\n21000001,Chan Tai Man,,Z123456(7),,,,\n`);
  patronId = storage.patrons.findByBarcode('21000001')!.id;
  storage.patrons.setChosenPinHash(patronId, await storage.hasher.hash('K7M2P9'), storage.clock.now());
});

const proposingDefault: PinChangeForm = { currentPin: 'K7M2P9', newPin: 'z12345', confirmPin: 'z12345' };
const proper: PinChangeForm = { currentPin: 'K7M2P9', newPin: 'q7w3e9r1', confirmPin: 'q7w3e9r1' };

describe('a new PIN equal to the default PIN', () => {
  test('is refused for being the default, and five such proposals in a minute block the barcode even with the right current PIN', async () => {
    for (let i = 0; i < 5; i++) {
      const result = await pinChange.changePin(patronId, proposingDefault, '10.0.0.1');
      assert.deepEqual(result, { kind: 'invalid', violations: [{ code: 'PIN_SAME_AS_DEFAULT', field: 'new_pin' }] }, `proposal ${i + 1}`);
      storage.clock.advance(1000);
    }
    const compares = storage.hasher.compares;
    assert.deepEqual(await pinChange.changePin(patronId, proper, '10.0.0.1'), {
      kind: 'blocked',
      refusal: { reason: 'key', retryAfterSeconds: 55 },
    });
    assert.equal(storage.hasher.compares, compares, 'no PIN is checked while blocked');
  });

  test('feeds the hard limit like any failed attempt', async () => {
    for (let i = 0; i < HARD_LIMIT; i++) {
      if (i > 0 && i % 5 === 0) storage.clock.advance(60_000);
      assert.equal((await pinChange.changePin(patronId, proposingDefault, '10.0.0.1')).kind, 'invalid', `proposal ${i + 1}`);
    }
    storage.clock.advance(24 * 3_600_000);
    assert.deepEqual(await pinChange.changePin(patronId, proper, '10.0.0.1'), { kind: 'blocked', refusal: { reason: 'suspended' } });
  });
});

describe('a PIN change', () => {
  test("retires the patron's unused reset link", async () => {
    const now = storage.clock.now();
    tokens.create(sha256Hex('his-link'), patronId, now, now + 3_600_000);
    assert.equal((await pinChange.changePin(patronId, proper, '10.0.0.1')).kind, 'changed');
    assert.equal(tokens.use(sha256Hex('his-link'), storage.clock.now()), false, 'the link no longer works');
  });
});
