/**
 * No permanent lock-out by strangers (ASVS 2.2.1), over HTTP: the hard limit stops browsers that
 * have never logged in on a key, while the patron's (or member of staff's) own browser, holding
 * its signed device cookie, keeps its own small budget. Admins can lift a staff account's stop.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { prepare } from '../../test-support/raw-sql.js';

const DEVICE = 'myrecord.device';
const [admin, counterStaff] = DEMO_STAFF;
const PATRON_STOPPED = /PIN login for this barcode has been stopped after too many failed attempts/;

let portal: TestPortal;
beforeEach(async () => {
  // Every browser here comes from 127.0.0.1: the per-address limit would hide what is tested.
  portal = await startTestPortal({ ADDRESS_MAX_FAILURES: '0' });
});
afterEach(() => portal.close());

const browser = () => new TestBrowser(portal.url);

/** A stranger's wrong PINs or passwords on a key, five a minute, from a browser with no cookie of the patron's. */
async function strangerFails(n: number, form: { path: string; fields: (i: number) => Record<string, string> }) {
  const stranger = browser();
  await stranger.get(form.path);
  for (let i = 0; i < n; i++) {
    if (i % 5 === 0) portal.clock.advance(60_000);
    assert.equal((await stranger.post(form.path, form.fields(i))).status, 401, `failure ${i + 1}`);
  }
  portal.clock.advance(60_000);
}
const wrongPins = (barcode: string) => ({ path: '/login', fields: () => ({ barcode, pin: 'WRONG1' }) });
const wrongPasswords = (username: string) => ({
  path: '/staff/login',
  fields: (i: number) => ({ username, password: `wrong-password-${i}` }),
});

/** A browser where the patron has logged in, and then out: it keeps its device cookie. */
async function ownBrowser(barcode: string, pin: string): Promise<TestBrowser> {
  const b = browser();
  const answer = await b.logIn(barcode, pin);
  assert.equal(answer.status, 303);
  await b.get(answer.headers.get('location')!);
  assert.equal((await b.post('/logout', {})).status, 303);
  assert.ok(b.cookie(DEVICE), 'the device cookie outlives the session');
  return b;
}

describe('the device cookie', () => {
  test('a login sets it signed, HttpOnly, SameSite=Lax, for 180 days, without the barcode in it; a failure sets none', async () => {
    const b = browser();
    await b.get('/login');
    const failed = await b.post('/login', { barcode: '21000004', pin: 'WRONG1' });
    assert.ok(!failed.headers.getSetCookie().some((line) => line.startsWith(`${DEVICE}=`)));
    const answer = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' });
    const line = answer.headers.getSetCookie().find((l) => l.startsWith(`${DEVICE}=`));
    assert.ok(line, 'a device cookie');
    assert.match(line, /^myrecord\.device=s%3A[A-Za-z0-9_-]{43}\.[^;]+;/);
    assert.match(line, /; Max-Age=15552000;/);
    assert.match(line, /; Path=\//);
    assert.match(line, /; HttpOnly/);
    assert.match(line, /; SameSite=Lax/);
    assert.doesNotMatch(line, /21000004/);
  });

  test('over HTTPS (here through a trusted proxy) it is Secure, as the session cookie', async () => {
    const proxied = await startTestPortal({ TRUST_PROXY: 'loopback' });
    try {
      const b = new TestBrowser(proxied.url);
      const https = { headers: { 'x-forwarded-proto': 'https' } };
      await b.get('/login');
      const answer = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, https);
      const line = answer.headers.getSetCookie().find((l) => l.startsWith(`${DEVICE}=`));
      assert.match(line ?? '', /; Secure/);
      assert.doesNotMatch((await b.logIn('21000004', 'K7M2P9')).headers.getSetCookie().join('\n'), /; Secure/, 'not over plain HTTP');
    } finally {
      await proxied.close();
    }
  });

  test('housekeeping forgets a browser 180 days after its last login there', async () => {
    await ownBrowser('21000004', 'K7M2P9');
    const devices = prepare(portal.portal.db, 'SELECT COUNT(*) FROM trusted_devices').pluck();
    portal.clock.advance(180 * 86_400_000 - 1);
    portal.portal.housekeeping();
    assert.equal(devices.get(), 1);
    portal.clock.advance(1);
    portal.portal.housekeeping();
    assert.equal(devices.get(), 0);
  });
});

describe("a stranger's 100 failures on a barcode", () => {
  test("stop PIN login in other browsers, not in the patron's own: there he logs in and can modify his PIN", async () => {
    const own = await ownBrowser('21000003', '110105');
    await strangerFails(100, wrongPins('21000003'));

    const elsewhere = await browser().logIn('21000003', '110105');
    assert.equal(elsewhere.status, 429);
    assert.match(elsewhere.text, PATRON_STOPPED);
    assert.equal(elsewhere.headers.get('retry-after'), null);

    const home = await own.logIn('21000003', '110105');
    assert.equal(home.status, 303);
    assert.equal(home.headers.get('location'), '/pin/modify');

    // "Modify your PIN" checks the current PIN through the same gate: the device counts there too.
    await own.get('/pin/modify');
    const device = own.cookie(DEVICE);
    own.setCookie(DEVICE, undefined);
    assert.equal((await own.post('/pin/modify', { current_pin: '110105', new_pin: 'w3e8r5t1', confirm_pin: 'w3e8r5t1' })).status, 429);
    own.setCookie(DEVICE, device);
    assert.equal((await own.post('/pin/modify', { current_pin: '110105', new_pin: 'w3e8r5t1', confirm_pin: 'w3e8r5t1' })).status, 303);
  });

  test('a forged device cookie, an unsigned one, or one trusted for another barcode gives no trust', async () => {
    const marias = await ownBrowser('21000002', 'XY1234');
    await strangerFails(100, wrongPins('21000002'));
    await strangerFails(100, wrongPins('21000001'));
    const signed = marias.cookie(DEVICE)!;

    const tampered = signed.slice(0, -1) + (signed.endsWith('A') ? 'B' : 'A');
    const unsigned = decodeURIComponent(signed).slice(2).split('.')[0]!;
    for (const [value, barcode, pin] of [
      [tampered, '21000002', 'XY1234'],
      [unsigned, '21000002', 'XY1234'],
      [signed, '21000001', 'Z12345'],
    ] as const) {
      const b = browser();
      b.setCookie(DEVICE, value);
      const answer = await b.logIn(barcode, pin);
      assert.equal(answer.status, 429, `${barcode} with ${value === signed ? "another barcode's" : 'a bad'} cookie`);
      assert.match(answer.text, PATRON_STOPPED);
    }
    assert.equal((await marias.logIn('21000002', 'XY1234')).status, 303, 'the genuine cookie still works');
  });

  test('a trusted browser may fail 9 times in a row and still log in; at the 10th it loses its trust', async () => {
    const careless = await ownBrowser('21000001', 'Z12345');
    const clumsy = await ownBrowser('21000001', 'Z12345');
    await strangerFails(100, wrongPins('21000001'));
    async function failInOwnBrowser(b: TestBrowser, n: number) {
      await b.get('/login');
      for (let i = 0; i < n; i++) {
        if (i % 5 === 0) portal.clock.advance(60_000);
        assert.equal((await b.post('/login', { barcode: '21000001', pin: 'WRONG1' })).status, 401, `failure ${i + 1}`);
      }
      portal.clock.advance(60_000);
    }
    await failInOwnBrowser(clumsy, 9);
    assert.equal((await clumsy.post('/login', { barcode: '21000001', pin: 'Z12345' })).status, 303);
    await failInOwnBrowser(careless, 10);
    const answer = await careless.post('/login', { barcode: '21000001', pin: 'Z12345' });
    assert.equal(answer.status, 429);
    assert.match(answer.text, PATRON_STOPPED);
  });
});

describe('the one-minute block', () => {
  test("still applies to the patron's own browser", async () => {
    const own = await ownBrowser('21000004', 'K7M2P9');
    const stranger = browser();
    await stranger.get('/login');
    for (let i = 0; i < 5; i++) await stranger.post('/login', { barcode: '21000004', pin: 'WRONG1' });
    const answer = await own.logIn('21000004', 'K7M2P9');
    assert.equal(answer.status, 429);
    assert.ok(Number(answer.headers.get('retry-after')) > 0);
    assert.match(answer.text, /Too many attempts to log in with this barcode/);
  });
});

describe('staff accounts', () => {
  async function staffBrowser(member: { username: string; password: string }): Promise<TestBrowser> {
    const b = browser();
    await b.get('/staff/login');
    assert.equal((await b.post('/staff/login', { username: member.username, password: member.password })).status, 303, member.username);
    return b;
  }

  test('a staff login is written to the audit log: who, when and from where', async () => {
    await staffBrowser(counterStaff);
    const a = await staffBrowser(admin);
    const page = await a.get('/staff/audit?staff=counter');
    assert.match(
      page.text,
      /<td[^>]*>counter<\/td>\s*<td[^>]*>Logged in to the staff console<\/td>\s*<td[^>]*><\/td>\s*<td[^>]*>127\.0\.0\.1<\/td>/,
    );
  });

  test("an admin sees an account stopped by strangers' failures and lets it log in again; the audit log says so", async () => {
    await strangerFails(100, wrongPasswords(counterStaff.username));
    const elsewhere = browser();
    await elsewhere.get('/staff/login');
    const refused = await elsewhere.post('/staff/login', { username: counterStaff.username, password: counterStaff.password });
    assert.equal(refused.status, 429);
    assert.match(
      refused.text,
      /This account has been stopped after too many failed attempts\. Ask an administrator to let it log in again\./,
    );

    const a = await staffBrowser(admin);
    const accounts = await a.get('/staff/accounts');
    assert.match(accounts.text, /Login stopped after too many failed attempts/);
    assert.match(accounts.text, /action="\/staff\/accounts\/counter\/suspension\/lift"/);
    assert.doesNotMatch(accounts.text, /action="\/staff\/accounts\/admin\/suspension\/lift"/, 'only the stopped account');

    assert.equal((await a.post('/staff/accounts/counter/suspension/lift', {}, { csrf: null })).status, 403, 'no CSRF token');
    const lifted = await a.post('/staff/accounts/counter/suspension/lift', {});
    assert.equal(lifted.status, 303);
    assert.equal(lifted.headers.get('location'), '/staff/accounts');
    const after = await a.get('/staff/accounts');
    assert.match(after.text, /The account counter can log in again from anywhere\./);
    assert.doesNotMatch(after.text, /Login stopped after too many failed attempts/);

    await staffBrowser(counterStaff);
    const audit = await a.get('/staff/audit?staff=admin');
    assert.match(
      audit.text,
      /Let staff account counter log in again after too many failed attempts<\/td>\s*<td[^>]*><\/td>\s*<td[^>]*>127\.0\.0\.1<\/td>/,
    );
  });

  test('only admins may lift it, and an unknown account is a 404', async () => {
    const c = await staffBrowser(counterStaff);
    await c.get('/staff');
    assert.equal((await c.post('/staff/accounts/admin/suspension/lift', {})).status, 403);
    const a = await staffBrowser(admin);
    await a.get('/staff/accounts');
    assert.equal((await a.post('/staff/accounts/nobody/suspension/lift', {})).status, 404);
  });
});
