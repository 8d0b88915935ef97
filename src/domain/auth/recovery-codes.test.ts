import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newRecoveryCode, normaliseRecoveryCode, normaliseTotpCode } from './recovery-codes.js';

test('a recovery code is two groups of five and reads back the same however it is typed', () => {
  const code = newRecoveryCode();
  assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const stored = normaliseRecoveryCode(code);
  assert.equal(stored, code.replace('-', ''));
  assert.equal(normaliseRecoveryCode(` ${code.toLowerCase().replace('-', ' ')} `), stored);
});

test('letters mistaken for digits read as the digits; anything else is no code', () => {
  assert.equal(normaliseRecoveryCode('O1IL2-ABCDE'), '01112ABCDE');
  assert.equal(normaliseRecoveryCode('ABCDE'), undefined);
  assert.equal(normaliseRecoveryCode('ABCDE-FGHJU'), undefined, 'U is not in the alphabet');
});

test('ten codes are all different', () => {
  assert.equal(new Set(Array.from({ length: 10 }, newRecoveryCode)).size, 10);
});

test('an app code is six digits, spaces allowed', () => {
  assert.equal(normaliseTotpCode('123 456'), '123456');
  assert.equal(normaliseTotpCode('12345'), undefined);
  assert.equal(normaliseTotpCode('12345a'), undefined);
});
