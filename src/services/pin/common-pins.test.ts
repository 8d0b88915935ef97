import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCommonPins } from './common-pins.js';
import { validateChosenPin } from '../../domain/pin/pin-policy.js';

const commonPins = loadCommonPins();

test('the list comes from the dictionary package: tens of thousands of 6 to 8 letter-and-digit entries', () => {
  assert.ok(commonPins.size > 30_000, String(commonPins.size));
  for (const pin of commonPins) assert.match(pin, /^[A-Z0-9]{6,8}$/);
});

for (const pin of ['123456', '12345678', 'abc123', 'password', 'qwerty12', 'PassWord']) {
  test(`refuses the common PIN ${pin} with PIN_COMMON`, () => {
    const codes = validateChosenPin(pin, { minLength: 6, commonPins }).map((v) => v.code);
    assert.ok(codes.includes('PIN_COMMON'), codes.join());
  });
}

test('accepts a PIN that is neither trivial nor common', () => {
  assert.deepEqual(validateChosenPin('k7m2p9xq', { minLength: 6, commonPins }), []);
});

test("1234abcd, the library's example of the format, is not trivial but is common", () => {
  const codes = validateChosenPin('1234abcd', { minLength: 6, commonPins }).map((v) => v.code);
  assert.deepEqual(codes, ['PIN_COMMON']);
});
