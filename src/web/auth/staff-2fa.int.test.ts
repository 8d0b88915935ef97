/**
 * Staff two-factor sign-in over HTTP, as a member of staff and an attacker meet it:
 * enrolling with a code computed from the secret the page shows, the second step of a login, a
 * replayed code, recovery codes used twice, five wrong codes blocking the username, an admin's reset,
 * and STAFF_2FA deciding who must enrol.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { codeAt, passwordOf, shownSecret } from '../../test-support/staff-two-factor.js';

async function passwordStep(portal: TestPortal, username: string): Promise<{ browser: TestBrowser; location: string }> {
  const browser = new TestBrowser(portal.url);
  await browser.get('/staff/login');
  const answer = await browser.post('/staff/login', { username, password: passwordOf(username) });
  assert.equal(answer.status, 303);
  return { browser, location: answer.headers.get('location')! };
}

/** Logs in (one step while nothing is on), enrols, and answers the secret and the recovery codes. */
async function enrol(portal: TestPortal, username: string): Promise<{ secret: string; codes: string[] }> {
  const { browser } = await passwordStep(portal, username);
  const page = await browser.get('/staff/2fa');
  assert.equal(page.status, 200);
  assert.match(page.text, /<svg class="qr-code" role="img"/);
  const secret = shownSecret(page.text);
  const answer = await browser.post('/staff/2fa', { code: codeAt(secret, portal.clock.now()) });
  assert.equal(answer.status, 303);
  assert.equal(answer.headers.get('location'), '/staff/2fa/recovery-codes');
  const shown = await browser.get('/staff/2fa/recovery-codes');
  const codes = [...shown.text.matchAll(/<li><code>([0-9A-Z]{5}-[0-9A-Z]{5})<\/code><\/li>/g)].map((m) => m[1]!);
  assert.equal(codes.length, 10);
  // Past the code's own step: the enrolment's code was accepted for this step.
  portal.clock.advance(30_000);
  return { secret, codes };
}

describe('staff two-factor sign-in, STAFF_2FA off (the default outside production)', () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal();
  });
  after(() => portal.close());

  test('enrolment shows the QR code and the secret; a wrong code turns nothing on', async () => {
    const { browser, location } = await passwordStep(portal, 'acquisitions');
    assert.equal(location, '/staff', 'nobody must enrol when STAFF_2FA is off');
    const page = await browser.get('/staff/2fa');
    const secret = shownSecret(page.text);
    assert.equal(shownSecret((await browser.get('/staff/2fa')).text), secret, 'a reload shows the same secret');
    const wrong = await browser.post('/staff/2fa', { code: '000000' === codeAt(secret, portal.clock.now()) ? '111111' : '000000' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /role="alert"/);
    assert.match(wrong.text, /That code is not right/);
    const again = await passwordStep(portal, 'acquisitions');
    assert.equal(again.location, '/staff', 'still one step: the second factor is not on');
  });

  test('after enrolment the password leads to the second step, and a half-done login opens no staff page', async () => {
    const { secret } = await enrol(portal, 'ill');
    const { browser, location } = await passwordStep(portal, 'ill');
    assert.equal(location, '/staff/login/2fa');
    const step = await browser.get('/staff/login/2fa');
    assert.equal(step.status, 200);
    assert.match(step.text, /Code/);
    const console = await browser.get('/staff/ill');
    assert.equal(console.status, 303);
    assert.match(console.headers.get('location')!, /^\/staff\/login/);
    const answer = await browser.post('/staff/login/2fa', { code: codeAt(secret, portal.clock.now()), recovery_code: '' });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/staff');
    assert.equal((await browser.get('/staff/ill')).status, 200);
  });

  test('a code is accepted once: the same code at a second login is refused (replay)', async () => {
    const { secret } = await enrol(portal, 'facilities');
    const code = codeAt(secret, portal.clock.now());
    const first = await passwordStep(portal, 'facilities');
    assert.equal((await first.browser.post('/staff/login/2fa', { code, recovery_code: '' })).status, 303);
    const second = await passwordStep(portal, 'facilities');
    const replayed = await second.browser.post('/staff/login/2fa', { code, recovery_code: '' });
    assert.equal(replayed.status, 401);
    assert.match(replayed.text, /already used/);
    // An earlier step's code is refused too once a later one was accepted.
    assert.equal(
      (await second.browser.post('/staff/login/2fa', { code: codeAt(secret, portal.clock.now() - 30_000), recovery_code: '' })).status,
      401,
    );
  });

  test('a recovery code logs in once, and the page says how many are left', async () => {
    const { codes } = await enrol(portal, 'repository');
    const first = await passwordStep(portal, 'repository');
    const used = await first.browser.post('/staff/login/2fa', { code: '', recovery_code: codes[3]!.toLowerCase() });
    assert.equal(used.status, 303);
    assert.match((await first.browser.get('/staff')).text, /9 are left/);
    const second = await passwordStep(portal, 'repository');
    assert.equal((await second.browser.post('/staff/login/2fa', { code: '', recovery_code: codes[3]! })).status, 401);
  });

  test('the recovery codes are shown once', async () => {
    const { browser } = await passwordStep(portal, 'counter');
    const secret = shownSecret((await browser.get('/staff/2fa')).text);
    await browser.post('/staff/2fa', { code: codeAt(secret, portal.clock.now()) });
    assert.match((await browser.get('/staff/2fa/recovery-codes')).text, /[0-9A-Z]{5}-[0-9A-Z]{5}/);
    const again = await browser.get('/staff/2fa/recovery-codes');
    assert.doesNotMatch(again.text, /<code>[0-9A-Z]{5}-[0-9A-Z]{5}<\/code>/);
    assert.match(again.text, /shown only once/);
    portal.clock.advance(30_000);
  });

  test('five wrong codes in a minute block the username, for codes and passwords alike', async () => {
    // counter enrolled in the test before.
    const { browser } = await passwordStep(portal, 'counter');
    for (let i = 0; i < 5; i++)
      assert.equal((await browser.post('/staff/login/2fa', { code: String(100000 + i), recovery_code: '' })).status, 401);
    const blocked = await browser.post('/staff/login/2fa', { code: '123456', recovery_code: '' });
    assert.equal(blocked.status, 429);
    assert.match(blocked.text, /Too many attempts/);
    const login = new TestBrowser(portal.url);
    await login.get('/staff/login');
    assert.equal((await login.post('/staff/login', { username: 'counter', password: passwordOf('counter') })).status, 429);
    portal.clock.advance(61_000);
  });

  test('an admin resets a colleague’s second factor (audited), and the colleague logs in in one step again', async () => {
    const admin = new TestBrowser(portal.url);
    await admin.get('/staff/login');
    await admin.post('/staff/login', { username: 'admin', password: passwordOf('admin') });
    const accounts = await admin.get('/staff/accounts');
    assert.match(accounts.text, /Reset two-step sign-in of ill/);
    const reset = await admin.post('/staff/accounts/ill/2fa/reset', {});
    assert.equal(reset.status, 303);
    assert.match((await admin.get('/staff/accounts')).text, /The two-step sign-in of ill was reset/);
    assert.doesNotMatch((await admin.get('/staff/accounts')).text, /Reset two-step sign-in of ill/);
    assert.match((await admin.get('/staff/audit')).text, /Reset the two-step sign-in of staff account ill/);
    assert.equal((await passwordStep(portal, 'ill')).location, '/staff');
    assert.equal((await admin.post('/staff/accounts/nobody/2fa/reset', {})).status, 404);
    const clerk = await passwordStep(portal, 'acquisitions');
    await clerk.browser.get('/staff');
    assert.equal((await clerk.browser.post('/staff/accounts/repository/2fa/reset', {})).status, 403, 'admins only');
  });

  test('the second step lasts five minutes', async () => {
    const { browser, location } = await passwordStep(portal, 'repository');
    assert.equal(location, '/staff/login/2fa');
    portal.clock.advance(5 * 60_000 + 1000);
    const late = await browser.get('/staff/login/2fa');
    assert.equal(late.status, 303);
    assert.equal(late.headers.get('location'), '/staff/login');
    assert.match((await browser.get('/staff/login')).text, /time to enter your code has run out/);
  });
});

describe('STAFF_2FA=admins: admins enrol before anything else; others log in in one step', () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal({ STAFF_2FA: 'admins' });
  });
  after(() => portal.close());

  test('an admin is sent to enrol and reaches no admin page until done', async () => {
    const { browser, location } = await passwordStep(portal, 'admin');
    assert.equal(location, '/staff/2fa');
    const page = await browser.get('/staff/2fa');
    assert.match(page.text, /must use two-step sign-in/);
    assert.equal((await browser.get('/staff/accounts')).status, 303);
    const secret = shownSecret(page.text);
    assert.equal((await browser.post('/staff/2fa', { code: codeAt(secret, portal.clock.now()) })).status, 303);
    assert.equal((await browser.get('/staff/2fa/recovery-codes')).status, 200);
    assert.equal((await browser.get('/staff/accounts')).status, 200, 'enrolled, the session is a staff session');
    assert.equal((await passwordStep(portal, 'counter')).location, '/staff');
  });
});

describe('STAFF_2FA=required: every account enrols', () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal({ STAFF_2FA: 'required' });
  });
  after(() => portal.close());

  test('a counter clerk is sent to enrol too', async () => {
    assert.equal((await passwordStep(portal, 'counter')).location, '/staff/2fa');
  });
});
