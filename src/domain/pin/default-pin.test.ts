import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPinFrom, hkidCheckDigitIsValid } from './default-pin.js';

function pinOf(result: ReturnType<typeof defaultPinFrom>): string | undefined {
  return result.ok ? result.pin : undefined;
}

test('HKID Z123456(7) gives the default PIN Z12345 (the library page example)', () => {
  assert.equal(pinOf(defaultPinFrom({ hkid: 'Z123456(7)' })), 'Z12345');
});

test('HKID AB987654(3) gives the default PIN AB9876', () => {
  assert.equal(pinOf(defaultPinFrom({ hkid: 'AB987654(3)' })), 'AB9876');
});

test('passport XY12345678 with no HKID registered gives XY1234 (the library page example)', () => {
  const result = defaultPinFrom({ passport: 'XY12345678' });
  assert.equal(pinOf(result), 'XY1234');
  assert.equal(result.ok && result.document, 'passport');
});

test('Mainland ID 11010519491231002X gives 110105', () => {
  const result = defaultPinFrom({ mainland_id: '11010519491231002X' });
  assert.equal(pinOf(result), '110105');
  assert.equal(result.ok && result.document, 'mainland_id');
});

test('HKID A111234(5) gives A11123, although it would be trivial if chosen', () => {
  assert.equal(pinOf(defaultPinFrom({ hkid: 'A111234(5)' })), 'A11123');
});

test('the HKID is used when a passport number is registered too, then the passport before the Mainland ID', () => {
  const both = defaultPinFrom({ hkid: 'Z123456(7)', passport: 'XY12345678', mainland_id: '11010519491231002X' });
  assert.equal(pinOf(both), 'Z12345');
  assert.equal(both.ok && both.document, 'hkid');
  assert.equal(pinOf(defaultPinFrom({ hkid: '  ', passport: 'XY12345678', mainland_id: '110105194912310' })), 'XY1234');
});

test('lower-case letters and punctuation are dropped or upper-cased before the first 6 are kept', () => {
  assert.equal(pinOf(defaultPinFrom({ passport: 'xy-12 34.5678' })), 'XY1234');
});

test('an ID number with fewer than 6 letters and digits is refused', () => {
  assert.deepEqual(defaultPinFrom({ passport: 'X1-23(4)' }), { ok: false, code: 'ID_TOO_SHORT', document: 'passport' });
});

test('no ID number at all is refused', () => {
  assert.deepEqual(defaultPinFrom({ hkid: '', passport: undefined }), { ok: false, code: 'ID_MISSING' });
});

test('a wrong HKID check digit is a warning, never a refusal: Z123456(7) still gives its PIN', () => {
  const result = defaultPinFrom({ hkid: 'Z123456(7)' });
  assert.ok(result.ok);
  assert.deepEqual(result.warnings, ['HKID_CHECK_DIGIT']);
});

test('a correct HKID check digit gives no warning', () => {
  // A123456(3) and AB987654(3) are valid by the mod-11 algorithm.
  assert.ok(hkidCheckDigitIsValid('A1234563'));
  assert.ok(hkidCheckDigitIsValid('AB9876543'));
  const result = defaultPinFrom({ hkid: 'A123456(3)' });
  assert.ok(result.ok);
  assert.deepEqual(result.warnings, []);
});

test('the check digit "A" stands for 10, and a wrong digit fails the check', () => {
  assert.ok(hkidCheckDigitIsValid('Z683365A'));
  assert.ok(!hkidCheckDigitIsValid('Z6833655'));
  assert.ok(!hkidCheckDigitIsValid('A1234564'));
  assert.ok(!hkidCheckDigitIsValid('NOTANID1'));
});

test('passport and Mainland ID numbers are not put through the HKID check', () => {
  const result = defaultPinFrom({ passport: 'XY12345678' });
  assert.ok(result.ok);
  assert.deepEqual(result.warnings, []);
});
