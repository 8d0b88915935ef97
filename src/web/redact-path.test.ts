import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactPath } from './redact-path.js';

test('a reset link token is redacted from a path, the rest of the path kept', () => {
  const token = 'abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE';
  assert.equal(redactPath(`/pin/reset/${token}`), '/pin/reset/[redacted]');
});

test('barcodes and ids stay readable', () => {
  assert.equal(redactPath('/staff/patrons/21000004/pin/delete'), '/staff/patrons/21000004/pin/delete');
  assert.equal(redactPath('/catalogue/12'), '/catalogue/12');
});
