import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateChosenPin } from './pin-policy.js';
import type { PinContext } from './pin-rule.js';

const base: PinContext = { minLength: 6 };
const codesOf = (pin: string, context: PinContext = base) => validateChosenPin(pin, context).map((v) => v.code);

describe('T1: one character three or more times in a row is trivial', () => {
  for (const pin of ['aaa123', 'aaaax7gp', 'x7gp3333', '1AaA2b']) {
    test(`refuses ${pin} with PIN_TRIVIAL_REPEAT`, () => {
      assert.ok(codesOf(pin).includes('PIN_TRIVIAL_REPEAT'), codesOf(pin).join());
    });
  }
});

describe('T2: a block of 2, 3 or 4 characters repeated back to back is trivial', () => {
  for (const pin of ['abab12', 'abcabc', 'abcdabcd', 'ababx7gp', 'x7gp3434', '12ab12ab']) {
    test(`refuses ${pin} with PIN_TRIVIAL_BLOCK`, () => {
      assert.ok(codesOf(pin).includes('PIN_TRIVIAL_BLOCK'), codesOf(pin).join());
    });
  }
});

describe('PINs that are not trivial are accepted', () => {
  for (const pin of ['a1a2a3', '1234abcd', 'aabbcc']) {
    test(`accepts ${pin}`, () => {
      assert.deepEqual(codesOf(pin), []);
    });
  }
});

test('refuses a PIN longer than 8 characters rather than cutting it short', () => {
  assert.deepEqual(validateChosenPin('1234abcd9', base), [{ code: 'PIN_TOO_LONG', field: 'new_pin', params: { max: 8 } }]);
});

test('refuses a PIN shorter than the minimum, which is a setting', () => {
  assert.deepEqual(codesOf('a1b2c'), ['PIN_TOO_SHORT']);
  assert.deepEqual(codesOf('a1b2c', { minLength: 4 }), []);
  assert.deepEqual(validateChosenPin('a1b', base)[0]?.params, { min: 6 });
});

test('refuses spaces, punctuation and non-ASCII letters', () => {
  for (const pin of ['ab 123', 'ab-123', 'abç123', '１２３４５６']) {
    assert.ok(codesOf(pin).includes('PIN_CHARACTERS'), pin);
  }
});

test('compares without regard to case: AaA is three of the same character', () => {
  assert.ok(codesOf('xAaA12').includes('PIN_TRIVIAL_REPEAT'));
  assert.ok(codesOf('AbaB12').includes('PIN_TRIVIAL_BLOCK'));
});

test('refuses the current PIN again, in any case', () => {
  assert.deepEqual(codesOf('k7m2p9', { ...base, currentPin: 'K7M2P9' }), ['PIN_SAME_AS_CURRENT']);
});

test('refuses the default PIN when the caller found them equal', () => {
  assert.deepEqual(codesOf('k7m2p9', { ...base, equalsDefaultPin: true }), ['PIN_SAME_AS_DEFAULT']);
});

test('refuses a retyped copy that does not match, next to the retype field; case does not matter', () => {
  assert.deepEqual(validateChosenPin('k7m2p9', { ...base, confirmation: 'k7m2p8' }), [
    { code: 'PIN_CONFIRMATION_MISMATCH', field: 'confirm_pin' },
  ]);
  assert.deepEqual(codesOf('k7m2p9', { ...base, confirmation: 'K7M2P9' }), []);
});

test('returns every broken rule at once', () => {
  assert.deepEqual(codesOf('aaaaaaaaa!', { ...base, confirmation: 'x' }), [
    'PIN_TOO_LONG',
    'PIN_CHARACTERS',
    'PIN_TRIVIAL_REPEAT',
    'PIN_TRIVIAL_BLOCK',
    'PIN_CONFIRMATION_MISMATCH',
  ]);
});

test('an empty PIN is reported as missing, alone', () => {
  assert.deepEqual(codesOf('', { ...base, confirmation: '' }), ['PIN_MISSING']);
});
