import { beforeEach, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createAuditRepo } from '../../db/staff/audit-repo.js';
import { createFineRepo, type FineRepo } from '../../db/circulation/fine-repo.js';
import { createStaffRepo } from '../../db/staff/staff-repo.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from '../../test-support/fixtures.js';
import { createFinePaymentService, type FinePaymentService } from './fine-payment-service.js';

const DAY = 86_400_000;
let storage: TestStorage;
let fines: FineRepo;
let payments: FinePaymentService;
let by: { staffId: number; clientAddress: string };
let patron: Patron;

beforeEach(async () => {
  storage = createTestStorage();
  fines = createFineRepo(asDatabase(storage.db));
  payments = createFinePaymentService({
    db: asDatabase(storage.db),
    fines,
    audit: createAuditRepo(asDatabase(storage.db)),
    clock: storage.clock,
  });
  by = {
    staffId: createStaffRepo(asDatabase(storage.db)).insert('counter', ['circulation'], 'not-a-hash', storage.clock.now()),
    clientAddress: '127.0.0.1',
  };
  await registerPatrons(storage, `${HEADER}\n21000001,Chan Tai Man,,Z123456(7),,,,\n`);
  patron = storage.patrons.findByBarcode('21000001')!;
  const now = storage.clock.now();
  fines.charge(patron.id, null, 300, { kind: 'note', text: 'a lost card' }, now - 5 * DAY);
  fines.charge(patron.id, null, 1200, { kind: 'overdue', title: 'Emma', daysLate: 12 }, now - 3 * DAY);
});

test('a payment settles the oldest fine first, then the next; what it left owing is kept for the receipt', () => {
  const result = payments.record(patron, 500, 'card', by);
  assert.ok(result.ok);
  assert.equal(result.balance, 1000);
  assert.deepEqual(
    fines.finesOf(patron.id).map((f) => f.left),
    [0, 1000],
  );
  const receipt = payments.receipt(patron, result.paymentId)!;
  assert.equal(receipt.payment.method, 'card');
  assert.equal(receipt.payment.staffUsername, 'counter');
  assert.equal(receipt.payment.balanceAfter, 1000);
  assert.deepEqual(
    receipt.allocations.map((a) => [a.paid, a.leftAfter]),
    [
      [300, 0],
      [200, 1000],
    ],
  );
});

test('every problem is reported at once, and a refused payment records nothing', () => {
  assert.deepEqual(payments.record(patron, undefined, '', by), {
    ok: false,
    problems: ['AMOUNT_INVALID', 'METHOD_MISSING'],
    balance: 1500,
  });
  assert.deepEqual(payments.record(patron, 1501, 'cash', by), { ok: false, problems: ['MORE_THAN_OWED'], balance: 1500 });
  assert.deepEqual(payments.record(patron, 100, 'cheque', by), { ok: false, problems: ['METHOD_MISSING'], balance: 1500 });
  assert.deepEqual(fines.paymentsOf(patron.id), []);
  assert.equal(fines.balance(patron.id), 1500);
});

test('two counters taking the whole balance: the second finds nothing left to pay', () => {
  assert.ok(payments.record(patron, 1500, 'cash', by).ok);
  assert.deepEqual(payments.record(patron, 1500, 'octopus', by), { ok: false, problems: ['MORE_THAN_OWED'], balance: 0 });
  assert.equal(fines.paymentsOf(patron.id).length, 1);
});

test('a receipt belongs to its patron only', async () => {
  await registerPatrons(storage, `${HEADER}\n21000002,Maria Santos,,,XY12345678,,,\n`);
  const result = payments.record(patron, 100, 'cash', by);
  assert.ok(result.ok);
  assert.equal(payments.receipt(storage.patrons.findByBarcode('21000002')!, result.paymentId), undefined);
});
