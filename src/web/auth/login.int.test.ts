import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const browser = () => new TestBrowser(portal.url);

describe('GET /login and /healthz', () => {
  test('the login page has labelled Barcode and PIN fields, a CSRF token, and is not cached', async () => {
    const page = await browser().get('/login');
    assert.equal(page.status, 200);
    assert.match(page.text, /<label for="barcode">Barcode<\/label>/);
    assert.match(page.text, /<label for="pin">PIN<\/label>/);
    assert.match(page.text, /name="_csrf" value="[^"]+"/);
    assert.match(page.text, /<button type="submit" class="button">Log in<\/button>/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });

  test('/healthz answers 200 ok', async () => {
    const health = await fetch(`${portal.url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(await health.text(), 'ok');
  });

  test('the session cookie, set at login, is HttpOnly and SameSite=Lax', async () => {
    const answer = await browser().logIn('21000004', 'K7M2P9');
    const sessionCookie = answer.headers.getSetCookie().find((line) => line.startsWith('myrecord.sid='));
    assert.match(sessionCookie ?? '', /HttpOnly; SameSite=Lax/);
  });
});

describe('POST /login', () => {
  test('without a CSRF token it is refused with 403', async () => {
    const b = browser();
    await b.get('/login');
    const answer = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { csrf: null });
    assert.equal(answer.status, 403);
    assert.match(answer.text, /This form has expired/);
  });

  test('with a token from another session it is refused with 403', async () => {
    const other = browser();
    await other.get('/login');
    const b = browser();
    await b.get('/login');
    assert.equal((await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { csrf: other.csrf })).status, 403);
  });

  test('a chosen PIN logs in: 303 to /myrecord, a new session id, the home shows the patron', async () => {
    const b = browser();
    const page = await b.get('/login');
    const before = page.headers.get('set-cookie');
    const answer = await b.post('/login', { barcode: '21000004', pin: 'k7m2p9' });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/myrecord');
    assert.notEqual(answer.headers.get('set-cookie'), null);
    assert.notEqual(answer.headers.get('set-cookie'), before);
    const home = await b.get('/myrecord');
    assert.equal(home.status, 200);
    assert.match(home.text, /Wong Siu Ling/);
    assert.match(home.text, /21000004/);
    assert.match(home.text, /Staff/);
    assert.match(home.text, /Modify your PIN/);
    assert.equal(home.headers.get('cache-control'), 'no-store');
  });

  test('the default PIN logs in but every page sends the patron to /pin/modify', async () => {
    const b = browser();
    const answer = await b.logIn(' 21000003 ', '110105');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/pin/modify');
    const home = await b.get('/myrecord');
    assert.equal(home.status, 303);
    assert.equal(home.headers.get('location'), '/pin/modify');
    const modify = await b.get('/pin/modify');
    assert.equal(modify.status, 200);
    assert.match(modify.text, /You are using the default PIN/);
  });

  test('a wrong PIN and an unknown barcode get the same 401 page', async () => {
    const wrong = await browser().logIn('21000002', 'NOPE12');
    const unknown = await browser().logIn('99999999', 'NOPE12');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.match(wrong.text, /The barcode or PIN is incorrect\./);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    assert.equal(strip(wrong.text).replace('21000002', 'X'), strip(unknown.text).replace('99999999', 'X'));
  });

  test('malformed input gets 422 and a message next to the field, with no PIN checked', async () => {
    const compares = portal.hasher.compares;
    const answer = await browser().logIn('12-34', '');
    assert.equal(answer.status, 422);
    assert.match(answer.text, /A barcode is 1 to 32 letters or digits/);
    assert.match(answer.text, /Enter your PIN\./);
    assert.match(answer.text, /aria-describedby="barcode-hint barcode-error"/);
    assert.match(answer.text, /role="alert"/);
    assert.equal(portal.hasher.compares, compares);
  });

  test('after five wrong PINs the barcode is blocked: 429, Retry-After, and the right PIN is refused too', async () => {
    const b = browser();
    for (let i = 0; i < 5; i++) assert.equal((await b.logIn('21000003', 'WRONG1')).status, 401);
    const blocked = await b.logIn('21000003', '110105');
    assert.equal(blocked.status, 429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.match(blocked.text, new RegExp(`try again in ${retryAfter} seconds`));
    portal.clock.advance(60_000);
    assert.equal((await b.logIn('21000003', '110105')).status, 303);
  });

  test('fifty concurrent wrong logins on one barcode check at most five PINs', async () => {
    const b = browser();
    await b.get('/login');
    const compares = portal.hasher.compares;
    const answers = await Promise.all(Array.from({ length: 50 }, () => b.post('/login', { barcode: '77777777', pin: 'WRONG1' })));
    assert.equal(portal.hasher.compares - compares, 5);
    assert.equal(answers.filter((a) => a.status === 401).length, 5);
    assert.equal(answers.filter((a) => a.status === 429).length, 45);
  });
});

describe('sessions', () => {
  test('log-out ends the session on the server: 303 to /login, and the old cookie opens nothing', async () => {
    const b = browser();
    await b.logIn('21000004', 'K7M2P9');
    const home = await b.get('/myrecord');
    assert.equal(home.status, 200);
    const out = await b.post('/logout', {});
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/login');
    const again = await b.get('/myrecord');
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), '/login');
    assert.match((await b.get('/login')).text, /You have logged out\./);
  });

  test('log-out without a CSRF token is refused with 403', async () => {
    const b = browser();
    await b.logIn('21000004', 'K7M2P9');
    assert.equal((await b.post('/logout', {}, { csrf: null })).status, 403);
  });

  test('15 minutes idle end a session', async () => {
    const b = browser();
    await b.logIn('21000004', 'K7M2P9');
    portal.clock.advance(14 * 60_000);
    assert.equal((await b.get('/myrecord')).status, 200);
    portal.clock.advance(14 * 60_000);
    assert.equal((await b.get('/myrecord')).status, 200, 'the last request moved the idle expiry');
    portal.clock.advance(15 * 60_000 + 1);
    assert.equal((await b.get('/myrecord')).headers.get('location'), '/login');
  });

  test('8 hours end a session however busy', async () => {
    const b = browser();
    await b.logIn('21000004', 'K7M2P9');
    for (let hour = 0; hour < 8 * 6 - 1; hour++) {
      portal.clock.advance(10 * 60_000);
      assert.equal((await b.get('/myrecord')).status, 200, `at ${hour * 10} minutes`);
    }
    portal.clock.advance(10 * 60_000);
    assert.equal((await b.get('/myrecord')).headers.get('location'), '/login');
  });

  test('the sessions table holds no usable session id', async () => {
    const b = browser();
    const answer = await b.logIn('21000004', 'K7M2P9');
    const setCookie = decodeURIComponent(answer.headers.get('set-cookie') ?? '');
    const cookie = /myrecord\.sid=s:([^.;]+)/.exec(setCookie)?.[1] ?? '';
    assert.ok(cookie.length > 10);
    const rows = prepare(portal.portal.db, 'SELECT id_hash, data FROM sessions').all() as Array<{ id_hash: string; data: string }>;
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => !row.id_hash.includes(cookie) && !row.data.includes(cookie)));
  });
});

describe('pages and faults', () => {
  test('a page that does not exist gets the 404 page', async () => {
    const answer = await browser().get('/no/such/page');
    assert.equal(answer.status, 404);
    assert.match(answer.text, /<h1>Page not found<\/h1>/);
  });

  test('pages behind the login send a visitor to /login, naming the page to come back to unless it is the home', async () => {
    for (const [path, login] of [
      ['/myrecord', '/login'],
      ['/pin/modify', '/login?next=%2Fpin%2Fmodify'],
    ]) {
      const answer = await browser().get(path!);
      assert.equal(answer.status, 303, path);
      assert.equal(answer.headers.get('location'), login);
    }
  });

  test('no PIN reaches the log, of a run that logged', async () => {
    // This test makes the portal log on its own, so it proves something when run alone too.
    const b = browser();
    await b.logIn('21000002', 'WRONG1');
    await b.logIn('21000004', 'K7M2P9');
    await b.get('/pin/forgot');
    await b.post('/pin/forgot', { barcode: '21000004' });
    await portal.portal.notices.settled();
    assert.ok(
      portal.logs.some((line) => line.includes('/pin/reset/')),
      'the outbox logged the mailed link',
    );
    assert.ok(!portal.logs.some((line) => /K7M2P9|XY1234|110105|WRONG1/i.test(line)), portal.logs.join('\n'));
  });
});
