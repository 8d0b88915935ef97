import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactedPath } from './redacted-path.js';

const token = 'Qm9vay1sb3Zlci1zZWNyZXQtdG9rZW4tMDEyMzQ1Njc4OQ';

test('the token of a reset link is replaced, in any case, and the rest of the path is kept', () => {
  assert.equal(redactedPath(`/pin/reset/${token}`), '/pin/reset/[token]');
  assert.equal(redactedPath(`/PIN/Reset/${token}/more`), '/PIN/Reset/[token]/more');
  assert.equal(redactedPath('/staff/accounts/counter/password'), '/staff/accounts/counter/password');
});

test("a kiosk link's token is replaced, however short, and its check-in path kept", () => {
  assert.equal(redactedPath(`/kiosk/${token}/check-in`), '/kiosk/[token]/check-in');
  assert.equal(redactedPath('/kiosk/short'), '/kiosk/[token]');
  assert.equal(redactedPath('/staff/facilities/3/kiosk'), '/staff/facilities/3/kiosk');
});

test('an overlong path is cut to 200 characters and marked as cut', () => {
  const cut = redactedPath(`/staff/${'ab/'.repeat(2000)}`);
  assert.equal(cut.length, 201);
  assert.ok(cut.endsWith('…'));
});

test('any other segment shaped like a token is replaced; barcodes and ids stay readable', () => {
  assert.equal(redactedPath(`/some/future/${token}/confirm`), '/some/future/[token]/confirm');
  assert.equal(redactedPath('/staff/patrons/21000004/pin/delete'), '/staff/patrons/21000004/pin/delete');
  assert.equal(redactedPath('/catalogue/12'), '/catalogue/12');
});
