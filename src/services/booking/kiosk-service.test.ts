/**
 * Kiosk links with fakes for the PIN check and the bookings, and the real kiosk_links and audit
 * tables on each database the tests have (test-support/databases.ts), on a fake clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, TEST_DIALECTS } from '../../test-support/databases.js';
import { prepare } from '../../test-support/raw-sql.js';
import { createAuditRepo } from '../../db/staff/audit-repo.js';
import { createFacilityRepo } from '../../db/booking/facility-repo.js';
import { createKioskLinkRepo } from '../../db/booking/kiosk-link-repo.js';
import { createStaffRepo } from '../../db/staff/staff-repo.js';
import { testFacility } from '../../domain/booking/test-facility.js';
import type { Facility } from '../../domain/booking/facility.js';
import { fakeClock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/hash-token.js';
import type { PinCheck } from '../auth/auth-service.js';
import type { KioskActor } from './booking-notes.js';
import { createKioskService } from './kiosk-service.js';

const NOW = Date.UTC(2030, 0, 7, 1);
const RULES = { daysAhead: 7, checkInBeforeMin: 5, noShowAfterMin: 10, noShowLimit: 3, noShowWindowDays: 30, suspensionDays: 14 };

function setUp(dialect: (typeof TEST_DIALECTS)[number]) {
  const { database, drop } = openTestDatabase(dialect);
  const clock = fakeClock(NOW);
  const facilities = createFacilityRepo(database);
  const facilityId = facilities.insert(testFacility({ name: 'Computer PC-3B', kind: 'computer', capacityMin: 1, capacityMax: 1 }), NOW);
  const facility: Facility = facilities.find(facilityId)!;
  const staffId = createStaffRepo(database).insert('f.lee', ['facilities'], 'hash', NOW);
  const checks: Array<{ barcode: string; clientAddress: string | null; device: string | undefined }> = [];
  const checkIns: Array<{ patronId: number; facilityId: number; actor: KioskActor }> = [];
  let answer: PinCheck = { kind: 'incorrect' };
  const tokens = ['first-token-'.padEnd(43, 'a'), 'second-token-'.padEnd(43, 'b')];
  const service = createKioskService({
    db: database,
    links: createKioskLinkRepo(database),
    bookings: {
      facility: (id) => (id === facilityId ? facility : undefined),
      kioskDay: (id) => (id === facilityId ? { facility, date: '2030-01-07', lines: [], rules: RULES } : undefined),
      checkInAt: (patron, id, actor) => {
        checkIns.push({ patronId: patron.id, facilityId: id, actor });
        return { kind: 'none' };
      },
    },
    auth: {
      checkPin: (input, clientAddress, device) => {
        checks.push({ barcode: input.barcode, clientAddress, device });
        return Promise.resolve(answer);
      },
    },
    audit: createAuditRepo(database),
    clock,
    newToken: () => tokens.shift()!,
  });
  return {
    service,
    database,
    drop,
    facilityId,
    actor: { staffId, clientAddress: '192.0.2.7' },
    checks,
    checkIns,
    answer: (a: PinCheck) => (answer = a),
  };
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a kiosk link is stored as its hash alone, audited by facility, and a new one retires the old`, (t) => {
    const s = setUp(dialect);
    t.after(s.drop);
    const first = s.service.makeLink(s.actor, s.facilityId);
    assert.equal(first.kind, 'made');
    const firstToken = first.kind === 'made' ? first.token : '';
    assert.ok(s.service.screen(firstToken));
    const stored = prepare(s.database, 'SELECT token_hash FROM kiosk_links').pluck().all();
    assert.deepEqual(stored, [sha256Hex(firstToken)]);
    const second = s.service.makeLink(s.actor, s.facilityId);
    const secondToken = second.kind === 'made' ? second.token : '';
    assert.equal(s.service.screen(firstToken), undefined, 'the old link is retired');
    assert.ok(s.service.screen(secondToken));
    assert.equal(Number(prepare(s.database, 'SELECT COUNT(*) FROM kiosk_links').pluck().get()), 1);
    const details = prepare(s.database, "SELECT detail FROM audit_log WHERE action = 'kiosk.link-made'").pluck().all() as string[];
    assert.deepEqual(details, [`facility ${s.facilityId}: Computer PC-3B`, `facility ${s.facilityId}: Computer PC-3B`]);
  });

  test(`${dialect}: no link for a facility that does not exist, and none stored`, (t) => {
    const s = setUp(dialect);
    t.after(s.drop);
    assert.deepEqual(s.service.makeLink(s.actor, s.facilityId + 100), { kind: 'not-found' });
    assert.equal(Number(prepare(s.database, 'SELECT COUNT(*) FROM kiosk_links').pluck().get()), 0);
  });

  test(`${dialect}: a check-in through an unknown or over-long token is not found, and no PIN is checked`, async (t) => {
    const s = setUp(dialect);
    t.after(s.drop);
    assert.deepEqual(await s.service.checkIn('no-such-token', { barcode: '21000004', pin: 'K7M2P9' }, null), { kind: 'not-found' });
    assert.equal(s.service.screen('x'.repeat(65)), undefined);
    assert.deepEqual(s.checks, []);
  });

  test(`${dialect}: a check-in checks the PIN with no device (the kiosk's browser is everyone's) and passes on a refusal as it is`, async (t) => {
    const s = setUp(dialect);
    t.after(s.drop);
    const made = s.service.makeLink(s.actor, s.facilityId);
    const token = made.kind === 'made' ? made.token : '';
    s.answer({ kind: 'blocked', refusal: { reason: 'key', retryAfterSeconds: 40 } });
    assert.deepEqual(await s.service.checkIn(token, { barcode: '21000004', pin: 'WRONG1' }, '192.0.2.9'), {
      kind: 'blocked',
      refusal: { reason: 'key', retryAfterSeconds: 40 },
    });
    assert.deepEqual(s.checks, [{ barcode: '21000004', clientAddress: '192.0.2.9', device: undefined }]);
    assert.deepEqual(s.checkIns, [], 'nothing is checked in without the right PIN');
  });

  test(`${dialect}: the right PIN checks in at the link's facility, as the patron at the kiosk`, async (t) => {
    const s = setUp(dialect);
    t.after(s.drop);
    const made = s.service.makeLink(s.actor, s.facilityId);
    const token = made.kind === 'made' ? made.token : '';
    s.answer({ kind: 'verified', patron: { id: 42 } as never, key: '21000004' });
    assert.deepEqual(await s.service.checkIn(token, { barcode: '21000004', pin: 'K7M2P9' }, '192.0.2.9'), { kind: 'none' });
    assert.deepEqual(s.checkIns, [{ patronId: 42, facilityId: s.facilityId, actor: { kiosk: true, clientAddress: '192.0.2.9' } }]);
  });
}
