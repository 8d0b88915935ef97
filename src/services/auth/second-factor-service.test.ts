/** The second factor's rules, without HTTP: enrolment, replay, recovery codes, a changed APP_SECRET. */
import { beforeEach, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { createAttemptGate, DEFAULT_GATE_SETTINGS } from './attempt-gate.js';
import type { Staff2faSetting } from '../../domain/auth/second-factor-policy.js';
import { staffAttemptKey } from '../../domain/staff/staff.js';
import { createSecondFactorService, type SecondFactorService } from './second-factor-service.js';
import { createAuditRepo } from '../../db/staff/audit-repo.js';
import { createStaffRepo } from '../../db/staff/staff-repo.js';
import { createSecondFactorRepo } from '../../db/auth/second-factor-repo.js';
import { createSecretBox } from '../../lib/secret-box.js';
import { createTestStorage, type TestStorage } from '../../test-support/fixtures.js';
import type { StaffMember } from '../../domain/staff/staff.js';

let storage: TestStorage;
let member: StaffMember;
const from = { clientAddress: '192.0.2.1' };
const HARD = 12;

function service(appSecret = 'x'.repeat(40), setting: Staff2faSetting = 'off'): SecondFactorService {
  const staff = createStaffRepo(asDatabase(storage.db));
  return createSecondFactorService({
    factors: createSecondFactorRepo(asDatabase(storage.db)),
    staff,
    gate: createAttemptGate({
      db: asDatabase(storage.db),
      attempts: storage.attempts,
      clock: storage.clock,
      settings: { ...DEFAULT_GATE_SETTINGS, addressLockout: null, hardLockFailures: HARD },
    }),
    audit: createAuditRepo(asDatabase(storage.db)),
    clock: storage.clock,
    box: createSecretBox(appSecret, 'staff totp secret'),
    setting,
  });
}

beforeEach(() => {
  storage = createTestStorage();
  const staff = createStaffRepo(asDatabase(storage.db));
  const id = staff.insert('m.chan', ['admin'], 'hash', storage.clock.now());
  member = staff.findById(id)!;
});

const codeOf = (secret: string, at: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at });

async function enrolled(factor: SecondFactorService): Promise<{ secret: string; codes: string[] }> {
  const enrolment = factor.enrolment(member);
  assert.equal(enrolment.kind, 'pending');
  const secret = enrolment.kind === 'pending' ? enrolment.secret : '';
  const on = await factor.confirm(member, codeOf(secret, storage.clock.now()), from);
  assert.equal(on.kind, 'on');
  storage.clock.advance(30_000);
  return { secret, codes: on.kind === 'on' ? on.recoveryCodes : [] };
}

test('enrolment keeps one pending secret until a right code turns it on; then it is on, with ten codes', async () => {
  const factor = service();
  const first = factor.enrolment(member);
  assert.deepEqual(factor.enrolment(member), first);
  assert.equal(factor.secondStepFor(member), 'none');
  const { codes } = await enrolled(factor);
  assert.equal(codes.length, 10);
  assert.equal(factor.enrolment(member).kind, 'on');
  assert.equal(factor.secondStepFor(member), 'ask');
});

test('a code is accepted once, and a code of an earlier step after a later one never', async () => {
  const factor = service();
  const { secret } = await enrolled(factor);
  const now = storage.clock.now();
  assert.equal((await factor.verify(member, { code: codeOf(secret, now), recoveryCode: '' }, from)).kind, 'ok');
  assert.equal((await factor.verify(member, { code: codeOf(secret, now), recoveryCode: '' }, from)).kind, 'incorrect');
  assert.equal((await factor.verify(member, { code: codeOf(secret, now - 30_000), recoveryCode: '' }, from)).kind, 'incorrect');
  assert.equal(
    (await factor.verify(member, { code: codeOf(secret, now + 30_000), recoveryCode: '' }, from)).kind,
    'ok',
    'the next step, within the window',
  );
});

test('a recovery code works once; nine are left', async () => {
  const factor = service();
  const { codes } = await enrolled(factor);
  const used = await factor.verify(member, { code: '', recoveryCode: codes[0]! }, from);
  assert.equal(used.kind === 'ok' && used.recoveryCodesLeft, 9);
  assert.equal((await factor.verify(member, { code: '', recoveryCode: codes[0]! }, from)).kind, 'incorrect');
  assert.equal((await factor.verify(member, { code: 'abc', recoveryCode: '' }, from)).kind, 'malformed');
});

test('five wrong codes in a minute block the username', async () => {
  const factor = service();
  const { secret } = await enrolled(factor);
  for (let i = 0; i < 5; i++)
    assert.equal(
      (
        await factor.verify(
          member,
          { code: '000000' === codeOf(secret, storage.clock.now()) ? '111111' : '000000', recoveryCode: '' },
          from,
        )
      ).kind,
      'incorrect',
    );
  assert.equal((await factor.verify(member, { code: codeOf(secret, storage.clock.now()), recoveryCode: '' }, from)).kind, 'blocked');
});

test('after APP_SECRET changes no app code opens the account, but a recovery code does, and a reset lets it enrol again', async () => {
  const { codes } = await enrolled(service());
  const moved = service('y'.repeat(40));
  assert.equal((await moved.verify(member, { code: '123456', recoveryCode: '' }, from)).kind, 'incorrect');
  assert.equal((await moved.verify(member, { code: '', recoveryCode: codes[1]! }, from)).kind, 'ok');
  assert.equal(moved.reset(member, 'm.chan', null).kind, 'reset');
  assert.equal(moved.enrolment(member).kind, 'pending');
  assert.equal(moved.reset(member, 'nobody', null).kind, 'unknown');
});

test('wrong codes and recovery codes build the failure streak up to the hard limit; a right code ends it and trusts the browser', async () => {
  const factor = service();
  const { secret } = await enrolled(factor);
  const key = staffAttemptKey(member.username);
  for (let i = 0; i < HARD; i++) {
    if (i % 4 === 0) storage.clock.advance(61_000);
    const typed = i % 2 === 0 ? { code: String(100000 + i), recoveryCode: '' } : { code: '', recoveryCode: 'ZZZZZ-ZZZZZ' };
    assert.equal((await factor.verify(member, typed, from)).kind, 'incorrect', `code ${i + 1}`);
  }
  assert.equal(storage.attempts.failuresInARow(key), HARD);
  storage.clock.advance(61_000);
  const stopped = await factor.verify(member, { code: codeOf(secret, storage.clock.now()), recoveryCode: '' }, from);
  assert.deepEqual(stopped, { kind: 'blocked', refusal: { reason: 'suspended' } });

  storage.attempts.endStreak(key);
  const right = await factor.verify(member, { code: codeOf(secret, storage.clock.now()), recoveryCode: '' }, from);
  assert.equal(right.kind, 'ok');
  assert.ok(right.kind === 'ok' && typeof right.device === 'string', 'the browser is trusted after the code');
});

test('stepDue: nothing for a session that gave a code of the factor now on; a code for one that gave none', async () => {
  const factor = service();
  assert.equal(factor.stepDue(member, undefined), 'none');
  assert.equal(service('x'.repeat(40), 'admins').stepDue(member, undefined), 'enrol', 'an admin must enrol under STAFF_2FA=admins');
  const { secret } = await enrolled(factor);
  assert.equal(factor.stepDue(member, undefined), 'ask');
  const ok = await factor.verify(member, { code: codeOf(secret, storage.clock.now()), recoveryCode: '' }, from);
  assert.ok(ok.kind === 'ok');
  assert.equal(factor.stepDue(member, ok.onSince), 'none');
});
