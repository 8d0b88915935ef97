/**
 * The door's repositories on each database the tests have (test-support/databases.ts): what the
 * login, the sessions, the staff console and the way back from a forgotten PIN rely on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, TEST_DIALECTS } from '../../test-support/databases.js';
import { createAttackIncidentRepo } from './attack-incident-repo.js';
import { createAuditRepo } from '../staff/audit-repo.js';
import { createPatronRepo } from '../patrons/patron-repo.js';
import { createResetTokenRepo } from '../pin/reset-token-repo.js';
import { createSecondFactorRepo } from './second-factor-repo.js';
import { createSessionRepo } from './session-repo.js';
import { createStaffRepo } from '../staff/staff-repo.js';

const NOW = Date.UTC(2026, 11, 4, 9);
const chan = { barcode: '21000001', name: 'Chan Tai Man', email: 'chan@example.org', patronType: 'undergraduate', expiryDate: '2030-08-31', idDocument: 'hkid', idFingerprint: 'f1', defaultPinHash: 'h1' } as const;

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: patrons are registered, found and searched by name in any case, the barcode match first`, (t) => {
    const { database, drop } = openTestDatabase(dialect);
    t.after(drop);
    const patrons = createPatronRepo(database);
    assert.equal(patrons.register(chan, NOW), 'created');
    assert.equal(patrons.register({ ...chan, barcode: 'CHAN01', name: 'Wong Chan', defaultPinHash: 'h2' }, NOW), 'created');
    assert.equal(patrons.register({ ...chan, name: 'Chan Tai-man', defaultPinHash: undefined }, NOW + 1), 'updated');
    const found = patrons.findByBarcode('21000001')!;
    assert.equal(found.name, 'Chan Tai-man');
    assert.equal(found.defaultPinHash, 'h1', 'the default PIN is kept when the ID number did not change');
    assert.deepEqual(patrons.search('chan01', 10).map((p) => p.barcode), ['CHAN01']);
    assert.deepEqual(patrons.search('cHAN', 10).map((p) => p.barcode), ['21000001', 'CHAN01'], 'by name, in any case');
    assert.deepEqual(patrons.search('TAI-', 10).map((p) => p.barcode), ['21000001']);
    assert.deepEqual(patrons.search('100%', 10), [], 'a % typed is a character, not a wildcard');
    patrons.setChosenPinHash(found.id, 'chosen', NOW + 2);
    assert.equal(patrons.upgradePinHash(found.id, 'chosen', 'stale', 'stronger'), false);
    assert.equal(patrons.upgradePinHash(found.id, 'chosen', 'chosen', 'stronger'), true);
    assert.deepEqual([patrons.findById(found.id)!.chosenPinHash, patrons.findById(found.id)!.pinChangedAt], ['stronger', NOW + 2]);
  });

  test(`${dialect}: sessions are saved, extended only past the slack, and ended for a patron but the one making the change`, (t) => {
    const { database, drop } = openTestDatabase(dialect);
    t.after(drop);
    const patronId = (createPatronRepo(database).register(chan, NOW), createPatronRepo(database).findByBarcode(chan.barcode)!.id);
    const sessions = createSessionRepo(database);
    for (const id of ['a', 'b']) sessions.save(id, { patronId, staffId: null }, '{}', NOW, NOW + 900_000);
    sessions.extend('a', NOW + 960_000, 120_000);
    sessions.extend('b', NOW + 960_000, 0);
    assert.deepEqual([sessions.find('a')!.expires_at, sessions.find('b')!.expires_at], [NOW + 900_000, NOW + 960_000]);
    assert.equal(sessions.deleteOfPatron(patronId, 'a'), 1);
    assert.equal(sessions.find('b'), undefined);
    assert.equal(sessions.deleteOfPatron(patronId), 1);
    assert.equal(sessions.find('a'), undefined);
  });

  test(`${dialect}: staff accounts keep their roles; a reset link works once; the audit log filters and pages`, (t) => {
    const { database, drop } = openTestDatabase(dialect);
    t.after(drop);
    const staff = createStaffRepo(database);
    const id = database.transaction(() => staff.insert('counter', ['circulation', 'acquisitions'], 'hash', NOW));
    assert.deepEqual(staff.findByUsername('counter')!.roles.slice().sort(), ['acquisitions', 'circulation']);
    assert.deepEqual(staff.withRole('circulation').map((s) => s.id), [id]);
    const patrons = createPatronRepo(database);
    patrons.register(chan, NOW);
    const patronId = patrons.findByBarcode(chan.barcode)!.id;
    const tokens = createResetTokenRepo(database);
    tokens.create('token', patronId, NOW, NOW + 3_600_000);
    assert.equal(tokens.use('token', NOW + 1), true);
    assert.equal(tokens.use('token', NOW + 2), false, 'a reset link is single-use');
    const audit = createAuditRepo(database);
    audit.record({ actor: 'staff', staffId: id, patronId, action: 'pin.deleted.counter' }, NOW);
    audit.record({ actor: 'patron', patronId, action: 'pin.changed' }, NOW + 1);
    audit.record({ actor: 'system', action: 'staff.added', detail: 'counter' }, NOW + 2);
    assert.deepEqual(audit.search({ limit: 10 }).map((r) => r.action), ['staff.added', 'pin.changed', 'pin.deleted.counter']);
    assert.deepEqual(audit.search({ patronBarcode: chan.barcode, limit: 10 }).map((r) => r.action), ['pin.changed', 'pin.deleted.counter']);
    assert.deepEqual(audit.search({ staffUsername: 'counter', limit: 10 }).map((r) => r.patronName), ['Chan Tai Man']);
    const [newest] = audit.search({ limit: 1 });
    assert.deepEqual(audit.search({ beforeId: newest!.id, limit: 1 }).map((r) => r.action), ['pin.changed']);
  });

  test(`${dialect}: one attack incident is open at a time; a second factor is confirmed once and a code step never replayed`, (t) => {
    const { database, drop } = openTestDatabase(dialect);
    t.after(drop);
    const incidents = createAttackIncidentRepo(database);
    const first = incidents.open(NOW, 500);
    assert.equal(typeof first, 'number');
    assert.equal(incidents.open(NOW + 1, 600), undefined);
    assert.deepEqual(incidents.current(), { id: first, startedAt: NOW, failures: 500 });
    incidents.close(first!, NOW + 2);
    assert.equal(incidents.current(), undefined);
    const staffId = database.transaction(() => createStaffRepo(database).insert('admin', ['admin'], 'hash', NOW));
    const factors = createSecondFactorRepo(database);
    assert.equal(factors.savePending(staffId, 'sealed', NOW), true);
    assert.equal(factors.confirm(staffId, 'sealed', 100, ['c1', 'c2'], NOW), true);
    assert.equal(factors.confirm(staffId, 'sealed', 100, ['c1', 'c2'], NOW), false);
    assert.equal(factors.savePending(staffId, 'other', NOW), false, 'a factor that is on is never replaced');
    assert.equal(factors.acceptStep(staffId, 101), true);
    assert.equal(factors.acceptStep(staffId, 101), false);
    assert.equal(factors.spendRecoveryCode(staffId, 'c1', NOW), true);
    assert.equal(factors.spendRecoveryCode(staffId, 'c1', NOW), false);
    assert.equal(factors.unusedRecoveryCodes(staffId), 1);
    assert.deepEqual([...factors.confirmedStaffIds()], [staffId]);
    assert.equal(factors.reset(staffId), true);
    assert.equal(factors.isOn(staffId), false);
  });
}
