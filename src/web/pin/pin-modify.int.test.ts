import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

async function loggedIn(barcode: string, pin: string): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  const answer = await b.logIn(barcode, pin);
  assert.equal(answer.status, 303, `log in ${barcode}`);
  await b.get('/pin/modify');
  return b;
}

describe('GET /pin/modify', () => {
  test('shows the three labelled fields and the rules before anyone types', async () => {
    const b = await loggedIn('21000004', 'K7M2P9');
    const page = await b.get('/pin/modify');
    assert.equal(page.status, 200);
    for (const label of ['Current PIN', 'New PIN', 'Retype new PIN']) assert.match(page.text, new RegExp(`>${label}</label>`));
    assert.match(page.text, /<h2 id="rules-title">Your new PIN must follow these rules<\/h2>/);
    assert.match(page.text, /<li>No more than 8 characters long\.<\/li>/);
    assert.match(page.text, /<li>No character repeated 3 or more times in a row \(aaa, 1111\)\.<\/li>/);
    assert.match(page.text, /<li>No set of 2, 3 or 4 characters repeated back to back \(abab, abcabc, abcdabcd\)\.<\/li>/);
    assert.match(page.text, />Modify PIN</);
  });
});

describe('POST /pin/modify', () => {
  test('a trivial, mismatched PIN gets 422 with every broken rule next to its field, and the old PIN still works', async () => {
    const b = await loggedIn('21000001', 'Z12345');
    const compares = portal.hasher.compares;
    const answer = await b.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'abab12', confirm_pin: 'abab13' });
    assert.equal(answer.status, 422);
    assert.match(answer.text, /repeats a set of 2 to 4 characters back to back/);
    assert.match(answer.text, /The two new PINs do not match/);
    assert.match(answer.text, /id="confirm_pin-error"/);
    assert.equal(portal.hasher.compares, compares, 'no PIN is checked for a form that breaks the rules');
    assert.equal((await new TestBrowser(portal.url).logIn('21000001', 'Z12345')).status, 303);
  });

  test('a PIN longer than 8 characters is refused, not cut short', async () => {
    const b = await loggedIn('21000001', 'Z12345');
    const answer = await b.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'q7w3e9r1t', confirm_pin: 'q7w3e9r1t' });
    assert.equal(answer.status, 422);
    assert.match(answer.text, /too long: use no more than 8 characters/);
    assert.equal((await new TestBrowser(portal.url).logIn('21000001', 'Q7W3E9R1')).status, 401);
  });

  test('a wrong current PIN gets 401 and counts toward the block', async () => {
    const b = await loggedIn('21000002', 'XY1234');
    for (let i = 0; i < 5; i++) {
      const answer = await b.post('/pin/modify', { current_pin: 'WRONG1', new_pin: 'q7w3e9r1', confirm_pin: 'q7w3e9r1' });
      assert.equal(answer.status, 401);
      assert.match(answer.text, /Your current PIN is incorrect/);
    }
    const blocked = await b.post('/pin/modify', { current_pin: 'XY1234', new_pin: 'q7w3e9r1', confirm_pin: 'q7w3e9r1' });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal((await new TestBrowser(portal.url).logIn('21000002', 'XY1234')).status, 429, 'login is blocked too');
    portal.clock.advance(60_000);
  });

  test('the default PIN cannot be chosen again once a PIN was chosen', async () => {
    const b = await loggedIn('21000004', 'K7M2P9');
    const answer = await b.post('/pin/modify', { current_pin: 'K7M2P9', new_pin: 'ab9876', confirm_pin: 'AB9876' });
    assert.equal(answer.status, 422);
    assert.match(answer.text, /same as your default PIN/);
  });

  test('proposing the default PIN is a failed attempt: after five in a minute even the right current PIN gets 429', async () => {
    portal.clock.advance(60_000); // a window of its own
    const b = await loggedIn('21000004', 'K7M2P9');
    for (let i = 0; i < 5; i++) {
      const answer = await b.post('/pin/modify', { current_pin: 'K7M2P9', new_pin: 'ab9876', confirm_pin: 'ab9876' });
      assert.equal(answer.status, 422, `proposal ${i + 1}`);
      assert.match(answer.text, /same as your default PIN/);
    }
    const blocked = await b.post('/pin/modify', { current_pin: 'K7M2P9', new_pin: 'q7w3e9r1', confirm_pin: 'q7w3e9r1' });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal((await new TestBrowser(portal.url).logIn('21000004', 'K7M2P9')).status, 429, 'login is blocked too');
    portal.clock.advance(60_000);
    assert.equal((await new TestBrowser(portal.url).logIn('21000004', 'K7M2P9')).status, 303, 'the PIN did not change');
  });

  test('success: 303 to /myrecord with a confirmation, the new PIN works, the old does not, other sessions end', async () => {
    const other = await loggedIn('21000003', '110105');
    const b = await loggedIn('21000003', '110105');
    const answer = await b.post('/pin/modify', { current_pin: '110105', new_pin: 'm4n8b2v6', confirm_pin: 'M4N8B2V6' });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/myrecord');
    const home = await b.get('/myrecord');
    assert.equal(home.status, 200);
    assert.match(home.text, /Your PIN has been changed/);
    assert.doesNotMatch(home.text, /Never: you are using the default PIN/);
    assert.equal((await other.get('/myrecord')).headers.get('location'), '/login', 'the other session has ended');
    assert.equal((await new TestBrowser(portal.url).logIn('21000003', '110105')).status, 401);
    assert.equal((await new TestBrowser(portal.url).logIn('21000003', 'm4n8b2v6')).headers.get('location'), '/myrecord');
  });

  test('without a CSRF token it is refused with 403', async () => {
    const b = await loggedIn('21000004', 'K7M2P9');
    assert.equal(
      (await b.post('/pin/modify', { current_pin: 'K7M2P9', new_pin: 'q7w3e9r1', confirm_pin: 'q7w3e9r1' }, { csrf: null })).status,
      403,
    );
  });
});
