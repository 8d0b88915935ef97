import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser } from '../../test-support/test-portal.js';

test('with PIN_MIN_LENGTH=4 a common 4-character PIN is refused as common, and an uncommon one is accepted', async () => {
  const portal = await startTestPortal({ PIN_MIN_LENGTH: '4' });
  try {
    const b = new TestBrowser(portal.url);
    assert.equal((await b.logIn('21000004', 'K7M2P9')).status, 303);
    await b.get('/pin/modify');
    const common = await b.post('/pin/modify', { current_pin: 'K7M2P9', new_pin: 'love', confirm_pin: 'love' });
    assert.equal(common.status, 422);
    assert.match(common.text, /one of the most commonly used PINs or passwords/);
    const uncommon = await b.post('/pin/modify', { current_pin: 'K7M2P9', new_pin: 'q7x2', confirm_pin: 'q7x2' });
    assert.equal(uncommon.status, 303);
  } finally {
    await portal.close();
  }
});
