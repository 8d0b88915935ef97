import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { prepare } from '../../test-support/raw-sql.js';

describe('the limit per client address and proxy headers', () => {
  test('without TRUST_PROXY a forged X-Forwarded-For does not dodge the limit', async () => {
    const portal = await startTestPortal({ ADDRESS_MAX_FAILURES: '3' });
    try {
      const b = new TestBrowser(portal.url);
      await b.get('/login');
      for (let i = 0; i < 3; i++) {
        const answer = await b.post(
          '/login',
          { barcode: `4000000${i}`, pin: 'WRONG1' },
          { headers: { 'x-forwarded-for': `203.0.113.${i}` } },
        );
        assert.equal(answer.status, 401);
      }
      const refused = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { headers: { 'x-forwarded-for': '198.51.100.7' } });
      assert.equal(refused.status, 429);
      assert.match(refused.text, /Too many failed attempts from this computer or network/);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
    } finally {
      await portal.close();
    }
  });

  test('with TRUST_PROXY set, the address the proxy reports is the one counted', async () => {
    const portal = await startTestPortal({ ADDRESS_MAX_FAILURES: '3', TRUST_PROXY: 'loopback' });
    try {
      const b = new TestBrowser(portal.url);
      await b.get('/login');
      for (let i = 0; i < 3; i++) {
        await b.post('/login', { barcode: `4000000${i}`, pin: 'WRONG1' }, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      }
      assert.equal(
        (await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status,
        429,
      );
      assert.equal(
        (await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { headers: { 'x-forwarded-for': '198.51.100.7' } })).status,
        303,
      );
      const recorded = prepare(portal.portal.db, "SELECT DISTINCT client_address FROM login_attempts WHERE outcome = 'failure'")
        .pluck()
        .all();
      assert.deepEqual(recorded, ['203.0.113.9']);
    } finally {
      await portal.close();
    }
  });
});

describe('the hard limit, as a patron and the counter see it', () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal({ HARD_LOCK_FAILURES: '10' });
  });
  after(() => portal.close());

  test('after the limit the patron is told to reset his PIN; Delete PIN at the counter lets him in again', async () => {
    const b = new TestBrowser(portal.url);
    await b.get('/login');
    for (let i = 0; i < 10; i++) {
      if (i % 5 === 0) portal.clock.advance(60_000);
      assert.equal((await b.post('/login', { barcode: '21000002', pin: 'WRONG1' })).status, 401);
    }
    portal.clock.advance(10 * 60_000); // long past any one-minute block
    const stopped = await b.post('/login', { barcode: '21000002', pin: 'XY1234' });
    assert.equal(stopped.status, 429);
    assert.equal(stopped.headers.get('retry-after'), null, 'waiting does not help');
    assert.match(stopped.text, /PIN login for this barcode has been stopped after too many failed attempts\. Reset your PIN online/);

    const staff = new TestBrowser(portal.url);
    await staff.get('/staff/login');
    await staff.post('/staff/login', { username: DEMO_STAFF[1].username, password: DEMO_STAFF[1].password });
    assert.match(
      (await staff.get('/staff/patrons/21000002')).text,
      /Yes: PIN login is stopped after too many failures in a row, except in browsers where the patron has logged in before\. Deleting the PIN \(or a reset online\) lets them in again anywhere\./,
    );
    assert.equal((await staff.post('/staff/patrons/21000002/pin/delete', { id_checked: 'yes' })).status, 303);
    assert.equal((await b.post('/login', { barcode: '21000002', pin: 'XY1234' })).status, 303);
  });
});

describe('common PINs', () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal();
  });
  after(() => portal.close());

  test('"Modify your PIN" lists the rule and refuses a common PIN with its own message', async () => {
    const b = new TestBrowser(portal.url);
    await b.logIn('21000004', 'K7M2P9');
    const form = await b.get('/pin/modify');
    assert.match(form.text, /<li>Not one of the most common PINs or passwords \(like 123456, abc123 or password\)\.<\/li>/);
    const answer = await b.post('/pin/modify', { current_pin: 'K7M2P9', new_pin: 'qwerty12', confirm_pin: 'qwerty12' });
    assert.equal(answer.status, 422);
    assert.match(answer.text, /one of the most commonly used PINs or passwords/);
  });

  test('REFUSE_COMMON_PINS=off turns the rule off', async () => {
    const relaxed = await startTestPortal({ REFUSE_COMMON_PINS: 'off' });
    try {
      const b = new TestBrowser(relaxed.url);
      await b.logIn('21000004', 'K7M2P9');
      await b.get('/pin/modify');
      assert.equal((await b.post('/pin/modify', { current_pin: 'K7M2P9', new_pin: 'qwerty12', confirm_pin: 'qwerty12' })).status, 303);
    } finally {
      await relaxed.close();
    }
  });
});
