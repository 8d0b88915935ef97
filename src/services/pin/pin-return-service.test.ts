import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createAuditRepo } from '../../db/staff/audit-repo.js';
import { createResetTokenRepo, type ResetTokenRepo } from '../../db/pin/reset-token-repo.js';
import { createStaffRepo } from '../../db/staff/staff-repo.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { sha256Hex } from '../../lib/hash-token.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from '../../test-support/fixtures.js';
import { createPatronNotices } from '../mail/patron-notices.js';
import { createPinReturnService, type PinReturnService, type ReturnedBy } from './pin-return-service.js';

let storage: TestStorage;
let tokens: ResetTokenRepo;
let pinReturn: PinReturnService;
let counterStaffId: number;

beforeEach(async () => {
  storage = createTestStorage();
  tokens = createResetTokenRepo(asDatabase(storage.db));
  const notices = createPatronNotices({
    mailer: { send: async () => {} },
    publicUrl: 'http://localhost',
    logger: { info() {}, error() {} },
  });
  pinReturn = createPinReturnService({
    db: asDatabase(storage.db),
    patrons: storage.patrons,
    tokens,
    audit: createAuditRepo(asDatabase(storage.db)),
    notices,
    clock: storage.clock,
    endSessionsOf() {},
    clearSuspension() {},
  });
  counterStaffId = createStaffRepo(asDatabase(storage.db)).insert('counter', ['circulation'], 'not-a-hash', storage.clock.now());
  await registerPatrons(storage, `${HEADER}\n21000001,Chan Tai Man,,Z123456(7),,,,\n21000002,Maria Santos,,,XY12345678,,,\n`);
});

const patron = (barcode: string): Patron => storage.patrons.findByBarcode(barcode)!;

/** A reset link as the request page stores it, valid for an hour. */
function linkFor(barcode: string, token: string): string {
  const now = storage.clock.now();
  tokens.create(sha256Hex(token), patron(barcode).id, now, now + 3_600_000);
  return token;
}

const linkStillWorks = (token: string) => tokens.use(sha256Hex(token), storage.clock.now());

const ways: Array<[string, () => ReturnedBy]> = [
  ['a counter Delete PIN', () => ({ how: 'counter', staffId: counterStaffId })],
  ['an online reset', () => ({ how: 'online', askedIn: 'en' })],
];

describe('returning a patron to the default PIN', () => {
  for (const [name, by] of ways) {
    test(`after ${name}, the patron's unused reset link no longer works; another patron's still does`, () => {
      const his = linkFor('21000001', 'his-link');
      const hers = linkFor('21000002', 'her-link');
      storage.clock.advance(60_000);
      pinReturn.returnToDefault(patron('21000001'), by(), '10.0.0.1');
      assert.equal(linkStillWorks(his), false);
      assert.equal(linkStillWorks(hers), true);
    });
  }
});
