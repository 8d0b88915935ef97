/**
 * The per-address limits count an IPv6 client by its /64: one home or
 * office gets a whole /64, so an attacker who moves from address to address inside it is
 * still one client. The portal sits behind a proxy here (TRUST_PROXY=loopback), which
 * reports each client in X-Forwarded-For.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser } from '../../test-support/test-portal.js';
import { prepare } from '../../test-support/raw-sql.js';

const fromAddress = (address: string) => ({ headers: { 'x-forwarded-for': address } });

test('fifty failed logins from fifty addresses of one IPv6 /64 stop that /64, and only it', async () => {
  const portal = await startTestPortal({ TRUST_PROXY: 'loopback' });
  try {
    const b = new TestBrowser(portal.url);
    await b.get('/login');
    for (let i = 1; i <= 50; i++) {
      // A barcode of its own each time, so that no one-minute block of a barcode plays a part.
      const answer = await b.post(
        '/login',
        { barcode: `${40000000 + i}`, pin: 'WRONG1' },
        fromAddress(`2001:db8:1:2:${i.toString(16)}::${i.toString(16)}`),
      );
      assert.equal(answer.status, 401, `failure ${i}`);
    }
    const refused = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, fromAddress('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    assert.equal(refused.status, 429);
    assert.match(refused.text, /Too many failed attempts from this computer or network/);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);

    assert.equal(
      (await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, fromAddress('2001:db8:1:3::1'))).status,
      303,
      'the next /64 is another client',
    );
    const recorded = prepare(portal.portal.db, "SELECT DISTINCT client_address FROM login_attempts WHERE outcome = 'failure'")
      .pluck()
      .all();
    assert.deepEqual(recorded, ['2001:db8:1:2::/64']);
  } finally {
    await portal.close();
  }
});

test("reset requests from many addresses of one IPv6 /64 share that /64's hourly allowance", async () => {
  const portal = await startTestPortal({ TRUST_PROXY: 'loopback', RESET_REQUESTS_PER_ADDRESS_HOUR: '3' });
  try {
    const b = new TestBrowser(portal.url);
    await b.get('/pin/forgot');
    for (let i = 1; i <= 3; i++) {
      assert.equal(
        (await b.post('/pin/forgot', { barcode: `${40000000 + i}` }, fromAddress(`2001:db8:7:8::${i}`))).status,
        200,
        `request ${i}`,
      );
    }
    const limited = await b.post('/pin/forgot', { barcode: '40000009' }, fromAddress('2001:db8:7:8:abcd::99'));
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal(
      (await b.post('/pin/forgot', { barcode: '40000009' }, fromAddress('2001:db8:7:9::1'))).status,
      200,
      'the next /64 is another client',
    );
  } finally {
    await portal.close();
  }
});
