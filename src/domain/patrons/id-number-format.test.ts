import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hkidProblem, libraryBarcodeHasDigit, mainlandIdProblem, passportProblem } from './id-number-format.js';

test('an HKID number is 1 or 2 letters, 6 digits and a check digit, in brackets or not, spaces and case aside', () => {
  for (const ok of ['A123456(3)', 'A1234563', 'Z123456(7)', 'AB987654(3)', 'ab987654(3)', 'A 123456 (3)', 'C668668(A)', 'C668668A']) {
    assert.equal(hkidProblem(ok), undefined, ok);
  }
  for (const bad of [
    'nonsense',
    'A12345(6)',
    'A1234567(8)',
    '123456(7)',
    'ABC123456(7)',
    'A123456(B)',
    'A123456(33)',
    'A123456((3)',
    'A123456-3',
    'A123456(3',
  ]) {
    assert.equal(hkidProblem(bad), 'HKID_MALFORMED', bad);
  }
});

test('a passport number is 6 to 12 letters and digits with at least one digit', () => {
  for (const ok of ['XY12345678', 'K1234567', '123456', 'e12345678', 'AB 123 456']) assert.equal(passportProblem(ok), undefined, ok);
  for (const bad of ['X1234', 'ABCDEFGH', 'XY1234567890123', 'XY-123456', 'XY12345/78'])
    assert.equal(passportProblem(bad), 'PASSPORT_MALFORMED', bad);
});

test('a Mainland resident ID number is 17 digits and a digit or X', () => {
  for (const ok of ['11010519491231002X', '11010519491231002x', '110105194912310021']) assert.equal(mainlandIdProblem(ok), undefined, ok);
  for (const bad of ['1101051949123100', '11010519491231002Y', '1101051949123100211', 'A1010519491231002X']) {
    assert.equal(mainlandIdProblem(bad), 'MAINLAND_ID_MALFORMED', bad);
  }
});

test('a library barcode has at least one digit', () => {
  assert.equal(libraryBarcodeHasDigit('21000001'), true);
  assert.equal(libraryBarcodeHasDigit('12345678D'), true);
  assert.equal(libraryBarcodeHasDigit('ABC'), false);
  assert.equal(libraryBarcodeHasDigit('CHAN'), false);
});
