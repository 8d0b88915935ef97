import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createPinResetService } from './pin-reset-service.js';
import { createPatronNotices } from '../mail/patron-notices.js';
import { createPinReturnService } from './pin-return-service.js';
import type { MailMessage } from '../mail/mailer.js';
import { createAuditRepo } from '../../db/staff/audit-repo.js';
import { createResetTokenRepo } from '../../db/pin/reset-token-repo.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from '../../test-support/fixtures.js';

let storage: TestStorage;
let pinReset: ReturnType<typeof createPinResetService>;
let mails: MailMessage[];

const LIMITS = { perBarcodeAddressHour: 3, perAddressHour: 20, perBarcodeHour: 10 };

beforeEach(async () => {
  storage = createTestStorage();
  await registerPatrons(storage, `${HEADER}\n21000001,Chan Tai Man,tai-man.chan@example.edu,Z123456(7),,,,\n`);
  mails = [];
  const audit = createAuditRepo(asDatabase(storage.db));
  const notices = createPatronNotices({
    mailer: {
      send: (message) => {
        mails.push(message);
        return Promise.resolve();
      },
    },
    publicUrl: 'http://library.test',
    logger: { info: () => {}, error: () => {} },
  });
  const tokens = createResetTokenRepo(asDatabase(storage.db));
  const pinReturn = createPinReturnService({
    db: asDatabase(storage.db),
    patrons: storage.patrons,
    tokens,
    audit,
    notices,
    clock: storage.clock,
    endSessionsOf: () => {},
    clearSuspension: () => {},
  });
  pinReset = createPinResetService({
    db: asDatabase(storage.db),
    patrons: storage.patrons,
    tokens,
    audit,
    notices,
    pinReturn,
    clock: storage.clock,
    limits: LIMITS,
  });
});

const kinds = (barcode: string, addresses: string[]) => addresses.map((address) => pinReset.requestLink(barcode, address).kind);

describe('limits on reset requests', () => {
  test("a stranger's requests from another address do not use up the patron's own", () => {
    assert.deepEqual(kinds('21000001', ['203.0.113.9', '203.0.113.9', '203.0.113.9', '203.0.113.9']), [
      'accepted',
      'accepted',
      'accepted',
      'limited',
    ]);
    assert.deepEqual(kinds('21000001', ['10.0.0.1']), ['accepted']);
    assert.equal(mails.length, 4);
  });

  test('one address may ask for one barcode 3 times an hour, then again after the hour', () => {
    assert.deepEqual(kinds('21000001', Array<string>(4).fill('10.0.0.1')), ['accepted', 'accepted', 'accepted', 'limited']);
    storage.clock.advance(3_600_000);
    assert.deepEqual(kinds('21000001', ['10.0.0.1']), ['accepted']);
  });

  test('the per-barcode ceiling still stops a flood from many addresses: 10 mails an hour at most', () => {
    const flood = Array.from({ length: 30 }, (_, i) => `203.0.113.${i}`);
    const answers = kinds('21000001', flood);
    assert.equal(answers.filter((kind) => kind === 'accepted').length, 10);
    assert.deepEqual(answers.slice(10), Array(20).fill('limited'));
    assert.equal(mails.length, 10);
  });

  test('one address asking for many barcodes is stopped at 20 an hour', () => {
    const answers = Array.from({ length: 21 }, (_, i) => pinReset.requestLink(`3100${String(i).padStart(4, '0')}`, '10.0.0.1').kind);
    assert.deepEqual(answers.slice(0, 20), Array(20).fill('accepted'));
    assert.equal(answers[20], 'limited');
  });
});
