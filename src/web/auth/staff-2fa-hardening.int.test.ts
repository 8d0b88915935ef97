/**
 * The staff second factor as an attacker probes it, over HTTP: guessing codes with a known password
 * a few a minute must run into the account's hard limit; a session that the policy now asks a factor
 * of (roles raised, a stricter STAFF_2FA after a restart, a factor turned on elsewhere) reaches nothing
 * until it gives one; and a copy of the sessions table never holds a recovery code.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { codeAt, passwordOf, shownSecret } from '../../test-support/staff-two-factor.js';
import { prepare } from '../../test-support/raw-sql.js';
import { loadConfig } from '../../config.js';
import { createPortal } from '../../portal.js';
import { countingHasher, TEST_SECRET } from '../../test-support/fixtures.js';

const DEVICE = 'myrecord.device';
const STOPPED = /stopped after too many failed attempts/;

/** A code that is not the right one now (nor a step either side). */
function wrongCode(secret: string, now: number, i: number): string {
  const right = new Set([-30_000, 0, 30_000].map((d) => codeAt(secret, now + d)));
  for (let n = 100_000 + i * 7; ; n++) if (!right.has(String(n))) return String(n);
}

async function passwordStep(url: string, username: string, b = new TestBrowser(url)) {
  await b.get('/staff/login');
  const answer = await b.post('/staff/login', { username, password: passwordOf(username) });
  return { browser: b, answer, location: answer.headers.get('location') };
}

/** Enrols from a browser whose login is at the enrolment page or past it; answers the secret. */
async function enrolIn(portal: TestPortal, b: TestBrowser): Promise<string> {
  const page = await b.get('/staff/2fa');
  assert.equal(page.status, 200);
  const secret = shownSecret(page.text);
  const answer = await b.post('/staff/2fa', { code: codeAt(secret, portal.clock.now()) });
  assert.equal(answer.status, 303);
  assert.equal((await b.get('/staff/2fa/recovery-codes')).status, 200);
  portal.clock.advance(30_000);
  return secret;
}

describe('guessing second-factor codes with the password runs into the hard limit', () => {
  const HARD = 12;
  let portal: TestPortal;
  before(async () => {
    // Every browser here comes from 127.0.0.1: the per-address limit would hide what is tested.
    portal = await startTestPortal({ HARD_LOCK_FAILURES: String(HARD), ADDRESS_MAX_FAILURES: '0' });
  });
  after(() => portal.close());

  test('four wrong codes a minute, each round after the right password, stop the account for strangers but not for its own browser', async () => {
    const own = (await passwordStep(portal.url, 'ill')).browser;
    const secret = await enrolIn(portal, own);
    await own.post('/staff/logout', {});

    const attacker = new TestBrowser(portal.url);
    let checked = 0;
    let stopped = false;
    let trustedByPassword = false;
    for (let round = 0; round < 8 && !stopped; round++) {
      portal.clock.advance(61_000);
      const { answer } = await passwordStep(portal.url, 'ill', attacker);
      if (answer.status === 429) {
        assert.match(answer.text, STOPPED);
        stopped = true;
        break;
      }
      assert.equal(answer.headers.get('location'), '/staff/login/2fa');
      if (attacker.cookie(DEVICE) !== undefined) trustedByPassword = true;
      for (let i = 0; i < 4; i++) {
        // Codes from the app and recovery codes alike.
        const typed =
          i % 2 === 0
            ? { code: wrongCode(secret, portal.clock.now(), i), recovery_code: '' }
            : { code: '', recovery_code: `ZZZZZ-${round}${i}ZZZ` };
        const wrong = await attacker.post('/staff/login/2fa', typed);
        if (wrong.status === 429) {
          stopped = true;
          break;
        }
        assert.equal(wrong.status, 401);
        checked++;
      }
    }
    assert.ok(stopped, 'the attacker is stopped');
    assert.ok(checked <= HARD, `at most ${HARD} codes are checked (${checked} were)`);
    portal.clock.advance(61_000);
    const stranger = await passwordStep(portal.url, 'ill');
    assert.equal(stranger.answer.status, 429, 'a stranger with the password is stopped too');
    assert.match(stranger.answer.text, STOPPED);
    assert.ok(!trustedByPassword, 'a password alone makes no browser trusted when a code is to follow');

    // The member's own browser, trusted since its last full login, still gets in with password and code.
    const mine = await passwordStep(portal.url, 'ill', own);
    assert.equal(mine.location, '/staff/login/2fa');
    const done = await own.post('/staff/login/2fa', { code: codeAt(secret, portal.clock.now()), recovery_code: '' });
    assert.equal(done.status, 303);
    assert.equal((await own.get('/staff/ill')).status, 200);
  });

  test('a right code ends the failure streak and trusts the browser', async () => {
    const b = (await passwordStep(portal.url, 'repository')).browser;
    const secret = await enrolIn(portal, b);
    const fresh = new TestBrowser(portal.url);
    for (let round = 0; round < 2; round++) {
      portal.clock.advance(61_000);
      await passwordStep(portal.url, 'repository', fresh);
      for (let i = 0; i < 4; i++)
        assert.equal(
          (await fresh.post('/staff/login/2fa', { code: wrongCode(secret, portal.clock.now(), i), recovery_code: '' })).status,
          401,
        );
    }
    portal.clock.advance(61_000);
    await passwordStep(portal.url, 'repository', fresh);
    assert.equal((await fresh.post('/staff/login/2fa', { code: codeAt(secret, portal.clock.now()), recovery_code: '' })).status, 303);
    assert.ok(fresh.cookie(DEVICE), 'trusted after the second factor');
    // The streak began again: a stranger may fail HARD - 1 times more without being stopped.
    const stranger = new TestBrowser(portal.url);
    await stranger.get('/staff/login');
    for (let i = 0; i < HARD - 1; i++) {
      if (i % 4 === 0) portal.clock.advance(61_000);
      assert.equal(
        (await stranger.post('/staff/login', { username: 'repository', password: `wrong-${i}` })).status,
        401,
        `failure ${i + 1}`,
      );
    }
  });
});

describe('the second factor is asked on every staff request the policy now requires it for', () => {
  test('STAFF_2FA=admins: a clerk raised to admin reaches no page until enrolled', async () => {
    const portal = await startTestPortal({ STAFF_2FA: 'admins' });
    try {
      const clerk = await passwordStep(portal.url, 'counter');
      assert.equal(clerk.location, '/staff');
      assert.equal((await clerk.browser.get('/staff')).status, 200);

      const admin = await passwordStep(portal.url, 'admin');
      assert.equal(admin.location, '/staff/2fa');
      await enrolIn(portal, admin.browser);
      await admin.browser.get('/staff/accounts');
      const raised = await admin.browser.post('/staff/accounts/counter/roles', { roles: ['admin', 'circulation'] });
      assert.equal(raised.status, 303);

      const accounts = await clerk.browser.get('/staff/accounts');
      assert.equal(accounts.status, 303, 'the raised clerk does not reach the accounts page');
      assert.match(accounts.headers.get('location')!, /^\/staff\/2fa/);
      // Half logged in now: any other page is refused too.
      const counter = await clerk.browser.get('/staff/circulation');
      assert.equal(counter.status, 303);
      assert.match(counter.headers.get('location')!, /^\/staff\/(2fa|login)/);
      const page = await clerk.browser.get('/staff/2fa');
      assert.equal(page.status, 200);
      assert.match(page.text, /must use two-step sign-in/);
      const secret = shownSecret(page.text);
      assert.equal((await clerk.browser.post('/staff/2fa', { code: codeAt(secret, portal.clock.now()) })).status, 303);
      assert.equal((await clerk.browser.get('/staff/2fa/recovery-codes')).status, 200);
      assert.equal((await clerk.browser.get('/staff/accounts')).status, 200, 'enrolled, the clerk is an admin');
    } finally {
      await portal.close();
    }
  });

  test('a session whose account turned the factor on in another browser is asked for a code', async () => {
    const portal = await startTestPortal();
    try {
      const ill = await passwordStep(portal.url, 'ill');
      assert.equal(ill.location, '/staff');
      // The ill member turns the factor on in another browser; the first session never gave a code.
      const elsewhere = (await passwordStep(portal.url, 'ill')).browser;
      const secret = await enrolIn(portal, elsewhere);
      const asked = await ill.browser.get('/staff/ill');
      assert.equal(asked.status, 303);
      assert.match(asked.headers.get('location')!, /^\/staff\/login\/2fa/);
      assert.equal((await ill.browser.get('/staff/login/2fa')).status, 200);
      assert.equal(
        (await ill.browser.post('/staff/login/2fa', { code: codeAt(secret, portal.clock.now()), recovery_code: '' })).status,
        303,
      );
      assert.equal((await ill.browser.get('/staff/ill')).status, 200);
    } finally {
      await portal.close();
    }
  });

  test('a session from before a restart with STAFF_2FA=required is sent to enrol', async () => {
    const portal = await startTestPortal();
    let server: Server | undefined;
    try {
      const clerk = await passwordStep(portal.url, 'counter');
      assert.equal(clerk.location, '/staff');
      // The same database and secret, restarted with a stricter setting.
      const config = loadConfig({
        DATABASE_FILE: ':memory:',
        APP_SECRET: TEST_SECRET,
        MAIL_OUTBOX_DIR: '/nonexistent',
        STAFF_2FA: 'required',
      });
      const restarted = createPortal(config, portal.portal.db, {
        hasher: countingHasher(),
        clock: portal.clock,
        logger: { info() {}, error() {} },
      });
      server = await new Promise<Server>((resolve) => {
        const s = restarted.app.listen(0, '127.0.0.1', () => resolve(s));
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const again = new TestBrowser(url);
      again.setCookie('myrecord.sid', clerk.browser.cookie('myrecord.sid'));
      const home = await again.get('/staff');
      assert.equal(home.status, 303);
      assert.match(home.headers.get('location')!, /^\/staff\/2fa/);
      assert.equal((await again.get('/staff/2fa')).status, 200);
    } finally {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await portal.close();
    }
  });
});

describe('recovery codes', () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal();
  });
  after(() => portal.close());

  test('no recovery code is ever written to the sessions table, even before the page that shows them', async () => {
    const { browser } = await passwordStep(portal.url, 'facilities');
    const secret = shownSecret((await browser.get('/staff/2fa')).text);
    assert.equal((await browser.post('/staff/2fa', { code: codeAt(secret, portal.clock.now()) })).status, 303);
    const stored = (prepare(portal.portal.db, 'SELECT data FROM sessions').pluck().all() as string[]).join('\n').toUpperCase();
    const shown = await browser.get('/staff/2fa/recovery-codes');
    const codes = [...shown.text.matchAll(/<li><code>([0-9A-Z]{5})-([0-9A-Z]{5})<\/code><\/li>/g)];
    assert.equal(codes.length, 10);
    for (const [, a, b] of codes) {
      assert.ok(!stored.includes(`${a}-${b}`) && !stored.includes(`${a}${b}`), 'a recovery code in plain text in sessions.data');
    }
    const hashes = (prepare(portal.portal.db, 'SELECT code_hash FROM staff_recovery_codes').pluck().all() as string[])
      .join('\n')
      .toUpperCase();
    for (const [, a, b] of codes) assert.ok(!hashes.includes(`${a}${b}`));
  });
});
