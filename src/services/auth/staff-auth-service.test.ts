import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createAttemptGate } from './attempt-gate.js';
import { createStaffAuthService } from './staff-auth-service.js';
import { createStaffAccountService } from '../staff/staff-account-service.js';
import { createAuditRepo } from '../../db/staff/audit-repo.js';
import { createStaffRepo } from '../../db/staff/staff-repo.js';
import { createTestStorage, type TestStorage } from '../../test-support/fixtures.js';

const PASSWORD = 'correct-horse-battery';

let storage: TestStorage;
let audit: ReturnType<typeof createAuditRepo>;
let staffAuth: ReturnType<typeof createStaffAuthService>;
let accounts: ReturnType<typeof createStaffAccountService>;
let adminId: number;

beforeEach(async () => {
  storage = createTestStorage();
  const staff = createStaffRepo(asDatabase(storage.db));
  audit = createAuditRepo(asDatabase(storage.db));
  const gate = createAttemptGate({ db: asDatabase(storage.db), attempts: storage.attempts, clock: storage.clock });
  staffAuth = createStaffAuthService({ staff, gate, hasher: storage.hasher, audit, clock: storage.clock });
  accounts = createStaffAccountService({
    db: asDatabase(storage.db),
    staff,
    audit,
    hasher: storage.hasher,
    clock: storage.clock,
    endStaffSessionsOf: () => {},
    clearSuspension: gate.clearSuspension,
    isSuspended: gate.isSuspended,
  });
  for (const username of ['admin', 'counter']) {
    const added = await accounts.add(
      { username, roles: [username === 'admin' ? 'admin' : 'circulation'], password: PASSWORD },
      { commandLine: true },
    );
    assert.ok(added.ok);
    if (username === 'admin') adminId = added.staff.id;
  }
});

/** Wrong passwords, five a minute, each from another address. */
async function strangerFails(n: number, username = 'counter') {
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 5 === 0) storage.clock.advance(60_000);
    assert.equal((await staffAuth.login({ username, password: 'wrong-password' }, `203.0.${i >> 8}.${i & 255}`)).kind, 'incorrect');
  }
  storage.clock.advance(60_000);
}

const logins = () => audit.search({ limit: 50 }).filter((entry) => entry.action === 'staff.logged-in');

describe('staff logins in the audit log', () => {
  test('a successful staff login writes who, when and from where', async () => {
    storage.clock.advance(1234);
    assert.equal((await staffAuth.login({ username: 'Admin', password: PASSWORD }, '10.0.0.7')).kind, 'success');
    const [entry, ...rest] = logins();
    assert.equal(rest.length, 0);
    assert.equal(entry?.staffUsername, 'admin');
    assert.equal(entry?.actor, 'staff');
    assert.equal(entry?.atMs, storage.clock.now());
    assert.equal(entry?.clientAddress, '10.0.0.7');
  });

  test('a failed or malformed staff login writes nothing there, and no password anywhere in it', async () => {
    await staffAuth.login({ username: 'admin', password: 'wrong-password' }, '10.0.0.7');
    await staffAuth.login({ username: 'nobody', password: 'wrong-password' }, '10.0.0.7');
    await staffAuth.login({ username: '', password: '' }, '10.0.0.7');
    assert.deepEqual(logins(), []);
    await staffAuth.login({ username: 'admin', password: PASSWORD }, '10.0.0.7');
    assert.doesNotMatch(JSON.stringify(audit.search({ limit: 50 })), new RegExp(PASSWORD));
  });
});

describe('the hard limit on a staff account', () => {
  test("strangers' 100 failures stop the account elsewhere, not in a browser it has logged in from", async () => {
    const result = await staffAuth.login({ username: 'counter', password: PASSWORD }, '10.0.0.7');
    assert.ok(result.kind === 'success' && result.device);
    await strangerFails(100);
    assert.deepEqual(await staffAuth.login({ username: 'counter', password: PASSWORD }, '10.0.0.8'), {
      kind: 'blocked',
      refusal: { reason: 'suspended' },
    });
    assert.equal((await staffAuth.login({ username: 'counter', password: PASSWORD }, '10.0.0.7', result.device)).kind, 'success');
  });

  test('an admin lifts it: the account logs in from anywhere again, and the audit log says who did it', async () => {
    await strangerFails(100);
    const counter = createStaffRepo(asDatabase(storage.db)).findByUsername('counter')!;
    assert.ok(accounts.isSuspended(counter));
    assert.equal(accounts.liftSuspension(counter, { staffId: adminId, clientAddress: '10.0.0.1' }), true);
    assert.ok(!accounts.isSuspended(counter));
    assert.equal((await staffAuth.login({ username: 'counter', password: PASSWORD }, '10.0.0.8')).kind, 'success');
    const lifted = audit.search({ limit: 50 }).filter((entry) => entry.action === 'staff.suspension-lifted');
    assert.deepEqual(
      lifted.map((entry) => [entry.staffUsername, entry.detail, entry.clientAddress]),
      [['admin', 'counter', '10.0.0.1']],
    );
  });

  test('lifting an account that is not stopped changes nothing and writes nothing', () => {
    const counter = createStaffRepo(asDatabase(storage.db)).findByUsername('counter')!;
    assert.equal(accounts.liftSuspension(counter, { staffId: adminId, clientAddress: '10.0.0.1' }), false);
    assert.equal(audit.search({ limit: 50 }).filter((entry) => entry.action === 'staff.suspension-lifted').length, 0);
  });
});

describe('a password that a second factor must follow', () => {
  test('ends no failure streak and makes no browser trusted: only the second factor does', async () => {
    const staff = createStaffRepo(asDatabase(storage.db));
    const gate = createAttemptGate({ db: asDatabase(storage.db), attempts: storage.attempts, clock: storage.clock });
    const twoStep = createStaffAuthService({
      staff,
      gate,
      hasher: storage.hasher,
      audit,
      clock: storage.clock,
      secondStepFor: () => 'ask',
    });
    await strangerFails(3);
    const result = await twoStep.login({ username: 'counter', password: PASSWORD }, '10.0.0.7');
    assert.equal(result.kind, 'success');
    assert.equal(result.kind === 'success' && result.device, null);
    assert.equal(storage.attempts.failuresInARow('staff:counter'), 3);
    assert.equal(logins().length, 0, 'the login is audited after the second factor');
  });
});
