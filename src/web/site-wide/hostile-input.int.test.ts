import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

/** What a client may send to a form: nothing of it may produce a 5xx. */
const badForms: Array<[string, Record<string, string | string[]>]> = [
  ['missing fields', {}],
  ['a repeated field', { barcode: ['21000004', '21000001'], pin: 'K7M2P9' }],
  ['5,000-character values', { barcode: 'A'.repeat(5000), pin: 'B'.repeat(5000) }],
  ['non-ASCII', { barcode: '圖書館', pin: 'pïn✓' }],
  ['nested-looking names', { 'barcode[a]': '1', 'pin[b][c]': '2' }],
  ['control characters', { barcode: '\u0000\u0007', pin: '\r\n' }],
];

describe('login with bad input', () => {
  for (const [what, fields] of badForms) {
    test(`${what}: 422 with a message`, async () => {
      const b = new TestBrowser(portal.url);
      await b.get('/login');
      const answer = await b.post('/login', fields);
      assert.equal(answer.status, 422, answer.text.slice(0, 200));
      assert.match(answer.text, /role="alert"/);
    });
  }

  test('a body that is not a form, or none at all, is refused with 403 (no CSRF token), never 5xx', async () => {
    const b = new TestBrowser(portal.url);
    await b.get('/login');
    assert.equal((await b.post('/login', '{"barcode":1}', { contentType: 'application/json' })).status, 403);
    assert.equal((await b.post('/login', '', { contentType: 'text/plain' })).status, 403);
  });

  test('a repeated CSRF token is refused with 403', async () => {
    const b = new TestBrowser(portal.url);
    await b.get('/login');
    assert.equal((await b.post('/login', { _csrf: [b.csrf, b.csrf], barcode: '1', pin: '1' }, { csrf: null })).status, 403);
  });

  test('a body over the limit gets 413', async () => {
    const b = new TestBrowser(portal.url);
    await b.get('/login');
    assert.equal((await b.post('/login', { barcode: 'A'.repeat(100_000), pin: 'x' })).status, 413);
  });

  test('a malformed percent-encoding gets a 4xx', async () => {
    const b = new TestBrowser(portal.url);
    await b.get('/login');
    const answer = await b.post('/login', `_csrf=${encodeURIComponent(b.csrf)}&barcode=%E0%A4%A&pin=1`);
    assert.ok(answer.status >= 400 && answer.status < 500, String(answer.status));
  });
});

describe('Modify your PIN with bad input', () => {
  for (const [what, fields] of [
    ['missing fields', {}],
    ['a repeated field', { current_pin: ['K7M2P9', 'x'], new_pin: 'q7w3e9r1', confirm_pin: 'q7w3e9r1' }],
    ['5,000-character values', { current_pin: 'A'.repeat(5000), new_pin: 'B'.repeat(5000), confirm_pin: 'C'.repeat(5000) }],
    ['non-ASCII', { current_pin: 'ÄÖÜ', new_pin: '密碼密碼密碼', confirm_pin: '密碼密碼密碼' }],
  ] as Array<[string, Record<string, string | string[]>]>) {
    test(`${what}: 422 with a message, and the PIN unchanged`, async () => {
      const b = new TestBrowser(portal.url);
      await b.logIn('21000004', 'K7M2P9');
      await b.get('/pin/modify');
      const answer = await b.post('/pin/modify', fields);
      assert.equal(answer.status, 422);
      assert.match(answer.text, /role="alert"/);
      assert.equal((await new TestBrowser(portal.url).logIn('21000004', 'K7M2P9')).status, 303);
    });
  }
});

test('the server still answers after all of it', async () => {
  assert.equal((await fetch(`${portal.url}/healthz`)).status, 200);
});
