/**
 * Staff sign-in and staff accounts over HTTP: the console's own login and its block, kept apart from
 * patrons' logins and sessions; an admin adding, disabling, enabling an account and setting its password;
 * and staff forms refused without their CSRF token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { staffSignedIn } from '../../test-support/staff-browser.js';

let portal: TestPortal;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, close: stop } = await startPortalWithMail());
});
after(() => stop());

const [admin, counterStaff] = DEMO_STAFF;
const browser = () => new TestBrowser(portal.url);
const staffBrowser = (member: { username: string; password: string } = counterStaff) => staffSignedIn(portal, member);

describe('staff log in', () => {
  test('the console sends a visitor to /staff/login, which has Username and Password', async () => {
    assert.equal((await browser().get('/staff')).headers.get('location'), '/staff/login');
    const page = await browser().get('/staff/login');
    assert.match(page.text, /<label for="username">Username<\/label>/);
    assert.match(page.text, /<label for="password">Password<\/label>/);
  });

  test('a wrong password and an unknown username get the same 401; five failures block the sixth with 429', async () => {
    const b = browser();
    await b.get('/staff/login');
    assert.equal((await b.post('/staff/login', { username: 'nobody', password: 'whatever-password' })).status, 401);
    for (let i = 0; i < 5; i++) {
      const answer = await b.post('/staff/login', { username: 'counter', password: `wrong-password-${i}` });
      assert.equal(answer.status, 401);
      assert.match(answer.text, /The username or password is incorrect\./);
    }
    const blocked = await b.post('/staff/login', { username: 'COUNTER', password: counterStaff.password });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    portal.clock.advance(60_000);
  });

  test('a staff block is keyed apart from patron barcodes', async () => {
    const b = browser();
    await b.get('/staff/login');
    for (let i = 0; i < 5; i++) await b.post('/staff/login', { username: 'admin', password: `wrong-password-${i}` });
    assert.equal((await b.post('/staff/login', { username: 'admin', password: admin.password })).status, 429);
    assert.equal((await browser().logIn('21000004', 'K7M2P9')).status, 303, 'patrons are not affected');
    portal.clock.advance(60_000);
  });

  test("staff and patron sessions are separate: neither reaches the other's pages", async () => {
    const staff = await staffBrowser();
    assert.equal((await staff.get('/myrecord')).headers.get('location'), '/login');
    const patron = browser();
    await patron.logIn('21000004', 'K7M2P9');
    assert.equal((await patron.get('/staff')).headers.get('location'), '/staff/login');
    assert.equal((await patron.get('/staff/patrons/21000004')).headers.get('location'), '/staff/login?next=%2Fstaff%2Fpatrons%2F21000004');
  });

  test('log-out ends the staff session', async () => {
    const b = await staffBrowser();
    const out = await b.post('/staff/logout', {});
    assert.equal(out.headers.get('location'), '/staff/login');
    assert.equal((await b.get('/staff')).headers.get('location'), '/staff/login');
  });
});

describe('staff accounts', () => {
  test('an admin adds an account (refusing a short password), disables it (ending its sessions), enables it and sets its password', async () => {
    const a = await staffBrowser(admin);
    await a.get('/staff/accounts');
    const short = await a.post('/staff/accounts', { username: 'new.staff', roles: 'circulation', password: 'too-short' });
    assert.equal(short.status, 422);
    assert.match(short.text, /at least 12 characters/);
    assert.equal(
      (await a.post('/staff/accounts', { username: 'New.Staff', roles: 'circulation', password: 'a-long-enough-password' })).status,
      303,
    );

    const newcomer = await staffBrowser({ username: 'new.staff', password: 'a-long-enough-password' });
    await a.get('/staff/accounts');
    assert.equal((await a.post('/staff/accounts/new.staff/disable', {})).status, 303);
    assert.equal((await newcomer.get('/staff')).headers.get('location'), '/staff/login', 'its session ended');
    const refused = browser();
    await refused.get('/staff/login');
    assert.equal((await refused.post('/staff/login', { username: 'new.staff', password: 'a-long-enough-password' })).status, 401);

    await a.get('/staff/accounts');
    assert.equal((await a.post('/staff/accounts/new.staff/enable', {})).status, 303);
    await a.get('/staff/accounts');
    assert.equal((await a.post('/staff/accounts/new.staff/password', { password: 'another-long-password' })).status, 303);
    await staffBrowser({ username: 'new.staff', password: 'another-long-password' });
    const log = await a.get('/staff/audit?staff=admin');
    for (const text of [
      'Added staff account new.staff',
      'Disabled staff account new.staff',
      'Enabled staff account new.staff',
      'Set a new password for staff account new.staff',
    ]) {
      assert.ok(log.text.includes(text), text);
    }
  });

  test('circulation staff cannot manage accounts', async () => {
    const c = await staffBrowser();
    assert.equal((await c.get('/staff/accounts')).status, 403);
    assert.equal((await c.post('/staff/accounts', { username: 'sneaky', roles: 'admin', password: 'a-long-enough-password' })).status, 403);
  });

  test('staff forms without a CSRF token are refused with 403', async () => {
    const a = await staffBrowser(admin);
    assert.equal((await a.post('/staff/patrons/21000001/pin/delete', { id_checked: 'yes' }, { csrf: null })).status, 403);
    assert.equal(
      (await a.post('/staff/accounts', { username: 'x1', roles: 'admin', password: 'a-long-enough-password' }, { csrf: null })).status,
      403,
    );
  });
});
