import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser } from '../../test-support/test-portal.js';
import { prepare } from '../../test-support/raw-sql.js';

describe('behind a proxy (TRUST_PROXY)', () => {
  for (const setting of ['1', 'true']) {
    test(`TRUST_PROXY=${setting}: each patron is counted by the address the proxy reports, and HTTPS is seen`, async () => {
      const portal = await startTestPortal({ ADDRESS_MAX_FAILURES: '3', TRUST_PROXY: setting });
      try {
        const b = new TestBrowser(portal.url);
        await b.get('/login');
        const via = (address: string) => ({ headers: { 'x-forwarded-for': address, 'x-forwarded-proto': 'https' } });
        for (let i = 0; i < 3; i++) await b.post('/login', { barcode: `4000000${i}`, pin: 'WRONG1' }, via('203.0.113.9'));
        assert.equal(
          (await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, via('203.0.113.9'))).status,
          429,
          'the guessing address waits',
        );
        const patron = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, via('198.51.100.7'));
        assert.equal(patron.status, 303, 'another patron behind the same proxy is not locked out');
        assert.match(patron.headers.get('set-cookie') ?? '', /; Secure/i, 'the session cookie is Secure when the proxy says HTTPS');
        const recorded = prepare(portal.portal.db, "SELECT DISTINCT client_address FROM login_attempts WHERE outcome = 'failure'")
          .pluck()
          .all();
        assert.deepEqual(recorded, ['203.0.113.9']);
      } finally {
        await portal.close();
      }
    });
  }
});
