import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close: stop } = await startPortalWithMail({ PUBLIC_URL: 'https://myrecord.library.invalid' }));
});
after(() => stop());

const browser = () => new TestBrowser(portal.url);
const sessionRows = () => prepare(portal.portal.db, 'SELECT COUNT(*) FROM sessions').pluck().get() as number;
const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

async function resetLinkPath(barcode: string, address: string): Promise<string> {
  const b = browser();
  await b.get('/pin/forgot');
  assert.equal((await b.post('/pin/forgot', { barcode })).status, 200);
  const mail = await smtp.waitFor((m) => m.to.includes(address));
  const path = /https:\/\/myrecord\.library\.invalid(\/pin\/reset\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  assert.ok(path, mail.text);
  return path;
}

describe('nothing an anonymous visitor can grow', () => {
  test('two hundred cookieless visits to each page shown before login write no session row', async () => {
    const pages = ['/login', '/pin/forgot', '/staff/login', await resetLinkPath('21000002', 'maria.santos@example.edu')];
    const rowsBefore = sessionRows();
    for (const path of pages) {
      for (let i = 0; i < 200; i++) {
        const page = await fetch(portal.url + path);
        const html = await page.text();
        assert.equal(page.status, 200, path);
        assert.ok(tokenIn(html), `${path} has a form with a CSRF token`);
      }
    }
    assert.equal(sessionRows(), rowsBefore);
  });

  test('posting to /logout again and again, without ever logging in, writes no session row', async () => {
    const b = browser();
    await b.get('/login');
    const rowsBefore = sessionRows();
    for (let i = 0; i < 20; i++) {
      // Only the CSRF cookie goes back: every answer's new session cookie is thrown away.
      const answer = await fetch(`${portal.url}/logout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `myrecord.csrf=${b.cookie('myrecord.csrf')}` },
        body: new URLSearchParams({ _csrf: b.csrf }).toString(),
      });
      assert.equal(answer.status, 303);
      assert.equal(answer.headers.get('location'), '/login');
    }
    assert.equal(sessionRows(), rowsBefore);
  });
});

describe('the CSRF token', () => {
  test('a POST without a token, or with a token and cookie of its own making, is refused with 403 and no PIN is checked', async () => {
    const compares = portal.hasher.compares;
    const b = browser();
    await b.get('/login');
    assert.equal((await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { csrf: null })).status, 403);
    const forged = `${'a'.repeat(64)}.${'b'.repeat(64)}`;
    const attacker = browser();
    attacker.setCookie('myrecord.csrf', forged);
    const refused = await attacker.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { csrf: forged });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /This form has expired/);
    assert.equal(portal.hasher.compares, compares);
  });

  test('the token of another browser is refused with 403', async () => {
    const other = browser();
    await other.get('/login');
    const b = browser();
    await b.get('/login');
    assert.notEqual(b.csrf, other.csrf);
    assert.equal((await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { csrf: other.csrf })).status, 403);
  });

  test("a logged-in browser's token and cookie, copied into another logged-in browser, are refused there", async () => {
    const victim = browser();
    await victim.logIn('21000004', 'K7M2P9');
    await victim.get('/myrecord');
    const attacker = browser();
    await attacker.logIn('21000004', 'K7M2P9');
    await attacker.get('/myrecord');
    attacker.setCookie('myrecord.csrf', victim.cookie('myrecord.csrf'));
    assert.equal((await attacker.post('/logout', {}, { csrf: victim.csrf })).status, 403);
    assert.equal((await victim.post('/logout', {})).status, 303, 'in its own browser it works');
  });

  test('the token of the login page stops working at login; the next page brings a new one', async () => {
    const b = browser();
    await b.get('/login');
    const anonymousToken = b.csrf;
    assert.equal((await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' })).status, 303);
    assert.equal((await b.post('/logout', {}, { csrf: anonymousToken })).status, 403);
    assert.equal((await b.get('/myrecord')).status, 200, 'still logged in');
    assert.notEqual(b.csrf, anonymousToken);
    assert.equal((await b.post('/logout', {})).status, 303);
  });

  test('after a PIN change (a new session id) the old token is refused and the next page brings a new one', async () => {
    const b = browser();
    assert.equal((await b.logIn('21000001', 'Z12345')).headers.get('location'), '/pin/modify');
    await b.get('/pin/modify');
    const before = b.csrf;
    assert.equal((await b.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'g5h8j2k4', confirm_pin: 'g5h8j2k4' })).status, 303);
    assert.equal((await b.post('/logout', {}, { csrf: before })).status, 403);
    await b.get('/myrecord');
    assert.notEqual(b.csrf, before);
    assert.equal((await b.post('/logout', {})).status, 303);
  });

  test('a page with several forms sets the CSRF cookie once, HttpOnly and SameSite=Lax', async () => {
    const b = browser();
    await b.logIn('21000004', 'K7M2P9');
    const home = await b.get('/myrecord');
    const csrfCookies = home.headers.getSetCookie().filter((line) => line.startsWith('myrecord.csrf='));
    assert.equal(csrfCookies.length, 1);
    assert.match(csrfCookies[0]!, /; Path=\/; HttpOnly; SameSite=Lax$/);
  });
});

describe('forms posted from another site', () => {
  const login = async (headers: Record<string, string>) => {
    const b = browser();
    await b.get('/login');
    return b.post('/login', { barcode: '21000002', pin: 'WRONG9' }, { headers });
  };

  test('are refused with 403 even with a valid token, and no PIN is checked', async () => {
    const compares = portal.hasher.compares;
    const crossSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: portal.url },
      { origin: 'https://evil.example' },
      { origin: 'not an origin' },
    ];
    for (const headers of crossSite) {
      const answer = await login(headers);
      assert.equal(answer.status, 403, JSON.stringify(headers));
      assert.match(answer.text, /not sent from this site/);
    }
    assert.equal(portal.hasher.compares, compares);
  });

  test('from this site they reach the form: Sec-Fetch-Site same-origin, an Origin naming this host or PUBLIC_URL, or Origin null', async () => {
    const fromThisSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin', origin: 'null' },
      { origin: portal.url },
      { origin: 'https://myrecord.library.invalid' },
      { origin: 'null' },
    ];
    for (const headers of fromThisSite) {
      assert.equal((await login(headers)).status, 401, JSON.stringify(headers));
    }
    portal.clock.advance(60_000);
  });
});
