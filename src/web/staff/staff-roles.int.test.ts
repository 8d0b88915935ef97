/**
 * Staff roles as a set: each desk and queue is for the staff who hold its role, admins
 * hold every role, and an admin gives an account its roles on the accounts page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { t } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const member = (username: string) => DEMO_STAFF.find((m) => m.username === username)!;

async function staffIn(account: { username: string; password: string }): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: account.username, password: account.password })).status, 303, account.username);
  await b.get('/staff');
  return b;
}

describe('each desk is for its role', () => {
  test('staff without the circulation role are refused at the counter with 403, in words, and the refusal is audited', async () => {
    const ill = await staffIn(member('ill'));
    for (const path of ['/staff/circulation', '/staff/register', '/staff/patrons/21000004']) {
      const answer = await ill.get(path);
      assert.equal(answer.status, 403, path);
      assert.ok(answer.text.includes(t('error.roleRequired.body', { role: 'circulation' })), path);
    }
    assert.equal((await ill.post('/staff/checkin', { item_barcode: '30000001' })).status, 403);
    const refused = prepare(portal.portal.db, "SELECT detail FROM audit_log WHERE action = 'staff.refused.role' ORDER BY id").pluck().all();
    assert.ok(refused.includes('GET /staff/circulation') && refused.includes('POST /staff/checkin'), String(refused));
  });

  test("the console start page lists a member's own work, and the menu only its pages", async () => {
    const acquisitions = await staffIn(member('acquisitions'));
    const home = await acquisitions.get('/staff');
    assert.equal(home.status, 200);
    assert.match(home.text, /<h1>Staff console<\/h1>/);
    assert.match(home.text, /href="\/staff\/recommendations">Book recommendations from patrons</);
    assert.doesNotMatch(home.text, /href="\/staff\/circulation"/);
    assert.doesNotMatch(home.text, /href="\/staff\/ill"/);
    // Named after its one role: the role is not said twice.
    assert.match(home.text, /Logged in as acquisitions</);
    const counter = await (await staffIn(member('counter'))).get('/staff');
    assert.match(counter.text, /<label for="q">/, 'counter staff land on the patron search as before');
    assert.doesNotMatch(counter.text, /href="\/staff\/recommendations"/);
    // Every work area is built: repository and facilities staff land on links to their queues.
    assert.match(
      (await (await staffIn(member('repository'))).get('/staff')).text,
      /<a class="services__name link" href="\/staff\/deposits">/,
    );
    assert.match(
      (await (await staffIn(member('facilities'))).get('/staff')).text,
      /<a class="services__name link" href="\/staff\/bookings">/,
    );
  });

  test('an admin may open every desk', async () => {
    const admin = await staffIn(member('admin'));
    assert.equal((await admin.get('/staff/circulation')).status, 200);
    assert.match((await admin.get('/staff')).text, /href="\/staff\/recommendations"[\s\S]*href="\/staff\/ill"/);
  });
});

describe('the accounts page gives roles', () => {
  test('an account is added with several roles, then given others; each change is audited and takes effect at once', async () => {
    const admin = await staffIn(member('admin'));
    await admin.get('/staff/accounts');
    const added = await admin.post('/staff/accounts', {
      username: 'lee.ka.yan',
      roles: ['ill', 'circulation'],
      password: 'a-long-enough-password',
    });
    assert.equal(added.status, 303);
    assert.deepEqual(portal.portal.staff.findByUsername('lee.ka.yan')?.roles, ['circulation', 'ill']);

    const lee = await staffIn({ username: 'lee.ka.yan', password: 'a-long-enough-password' });
    assert.equal((await lee.get('/staff/circulation')).status, 200);
    assert.match((await lee.get('/staff')).text, /Logged in as lee\.ka\.yan \(circulation and interlibrary loans\)/);

    await admin.get('/staff/accounts');
    const changed = await admin.shown(await admin.post('/staff/accounts/lee.ka.yan/roles', { roles: 'acquisitions' }));
    assert.ok(changed.text.includes(t('staff.accounts.rolesDone', { username: 'lee.ka.yan' })));
    assert.equal((await lee.get('/staff/circulation')).status, 403, 'the old role is gone from the open session');
    const audit = prepare(portal.portal.db, "SELECT detail FROM audit_log WHERE action = 'staff.roles-changed'").pluck().all();
    assert.deepEqual(audit, ['lee.ka.yan: circulation, ill → acquisitions']);
  });

  test('no role, an unknown role, or taking the admin role from oneself is refused with 422 and changes nothing', async () => {
    const admin = await staffIn(member('admin'));
    await admin.get('/staff/accounts');
    const none = await admin.post('/staff/accounts', { username: 'no.roles', password: 'a-long-enough-password' });
    assert.equal(none.status, 422);
    assert.ok(none.text.includes(t('staff.account.ROLE_MISSING')));
    assert.equal(portal.portal.staff.findByUsername('no.roles'), undefined);
    assert.equal((await admin.post('/staff/accounts/counter/roles', { roles: ['circulation', 'wizard'] })).status, 422);
    const own = await admin.post('/staff/accounts/admin/roles', { roles: 'circulation' });
    assert.equal(own.status, 422);
    assert.ok(own.text.includes(t('staff.account.ROLES_OWN_ADMIN')));
    assert.deepEqual(portal.portal.staff.findByUsername('admin')?.roles, ['admin']);
    assert.deepEqual(portal.portal.staff.findByUsername('counter')?.roles, ['circulation']);
  });

  test('only admins change roles', async () => {
    const counter = await staffIn(member('counter'));
    assert.equal((await counter.post('/staff/accounts/counter/roles', { roles: 'admin' })).status, 403);
    assert.deepEqual(portal.portal.staff.findByUsername('counter')?.roles, ['circulation']);
  });
});
