import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const [admin, counterStaff] = DEMO_STAFF;
const auditRows = () => prepare(portal.portal.db, 'SELECT COUNT(*) FROM audit_log').pluck().get() as number;

async function staffBrowser(member: { username: string; password: string }): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: member.username, password: member.password })).status, 303);
  await b.get('/staff');
  return b;
}

/** The audit log as an admin reads it, filtered by a staff member. */
async function auditPageOf(username: string): Promise<string> {
  const a = await staffBrowser(admin);
  return (await a.get(`/staff/audit?staff=${username}`)).text;
}

describe('refused staff actions in the audit log', () => {
  test('circulation staff refused a page for administrators are written down: who, what, when, from where', async () => {
    const counter = await staffBrowser(counterStaff);
    portal.clock.advance(1000);
    assert.equal((await counter.get('/staff/audit')).status, 403);
    const refused = await counter.post('/staff/accounts', { username: 'sneaky', roles: 'admin', password: 'a-long-enough-password' });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /This page is for library administrators\./);

    const page = await auditPageOf('counter');
    assert.match(page, /Refused GET \/staff\/audit: for administrators only/);
    assert.match(page, /Refused POST \/staff\/accounts: for administrators only/);
    const row = prepare(
      portal.portal.db,
      "SELECT at_ms, actor, client_address FROM audit_log WHERE action = 'staff.refused.admin-only' ORDER BY id DESC LIMIT 1",
    ).get() as { at_ms: number; actor: string; client_address: string };
    assert.deepEqual(row, { at_ms: portal.clock.now(), actor: 'staff', client_address: '127.0.0.1' });
  });

  test('a member of staff whose form fails the CSRF check is written down, and a token in the path is not', async () => {
    const counter = await staffBrowser(counterStaff);
    const resetToken = 'Zm9yZ2VkLXJlc2V0LXRva2VuLXRoYXQtbXVzdC1ub3QtbGVhaw';
    assert.equal((await counter.post('/staff/patrons/21000002/pin/delete', { id_checked: 'yes' }, { csrf: null })).status, 403);
    assert.equal((await counter.post(`/pin/reset/${resetToken}`, {}, { csrf: 'not-the-token' })).status, 403);
    assert.equal(
      (await counter.post('/staff/checkin', { item_barcode: '1' }, { headers: { 'sec-fetch-site': 'cross-site' } })).status,
      403,
    );

    const page = await auditPageOf('counter');
    assert.match(page, /Refused POST \/staff\/patrons\/21000002\/pin\/delete: the form had no valid token/);
    assert.match(page, /Refused POST \/pin\/reset\/\[token\]: the form had no valid token/);
    assert.match(page, /Refused POST \/staff\/checkin: the form was sent from another site/);
    assert.doesNotMatch(page, new RegExp(resetToken));
    assert.equal(prepare(portal.portal.db, 'SELECT COUNT(*) FROM audit_log WHERE detail LIKE ?').pluck().get(`%${resetToken}%`), 0);
  });

  test('refusals of visitors and patrons are not written: anyone could fill the log', async () => {
    const rowsBefore = auditRows();
    const visitor = new TestBrowser(portal.url);
    await visitor.get('/login');
    assert.equal((await visitor.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { csrf: null })).status, 403);
    assert.equal(
      (await visitor.post('/staff/login', { username: 'admin', password: 'x' }, { headers: { 'sec-fetch-site': 'cross-site' } })).status,
      403,
    );
    const patron = new TestBrowser(portal.url);
    await patron.logIn('21000004', 'K7M2P9');
    assert.equal((await patron.post('/logout', {}, { csrf: null })).status, 403);
    assert.equal((await patron.get('/staff/audit')).status, 303, 'a patron is sent to the staff login, not refused');
    assert.equal(auditRows(), rowsBefore);
  });
});
