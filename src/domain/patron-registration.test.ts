import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRegistration } from './patron-registration.js';

test('accepts a full row and works out the default PIN from the HKID', () => {
  const result = validateRegistration({
    barcode: ' 21000001a ', name: 'Chan Tai Man', email: 'tm.chan@example.edu', hkid: 'A123456(3)',
    passport: '', mainland_id: '', patron_type: 'Postgraduate', expiry_date: '2027-08-31',
  });
  assert.ok(result.ok);
  assert.equal(result.value.barcode, '21000001A');
  assert.equal(result.value.defaultPin, 'A12345');
  assert.equal(result.value.idDocument, 'hkid');
  assert.equal(result.value.patronType, 'postgraduate');
  assert.deepEqual(result.value.warnings, []);
});

test('an unknown patron type, a bad date, a bad e-mail and a missing name are all reported together', () => {
  const result = validateRegistration({ barcode: '1', name: '', email: 'nope', passport: 'XY12345678', patron_type: 'wizard', expiry_date: '2027-02-30' });
  assert.ok(!result.ok);
  assert.deepEqual(result.problems.map((p) => p.code), ['NAME_MISSING', 'EMAIL_MALFORMED', 'PATRON_TYPE_UNKNOWN', 'EXPIRY_MALFORMED']);
});

test('a row with no ID number, or one too short, is refused', () => {
  const none = validateRegistration({ barcode: '1', name: 'A' });
  assert.ok(!none.ok);
  assert.deepEqual(none.problems, [{ code: 'ID_MISSING' }]);
  const short = validateRegistration({ barcode: '1', name: 'A', passport: 'X12' });
  assert.ok(!short.ok);
  assert.deepEqual(short.problems, [{ code: 'ID_TOO_SHORT', params: { document: 'passport' } }]);
});

test('a wrong HKID check digit is a warning, and the row is accepted', () => {
  const result = validateRegistration({ barcode: '1', name: 'A', hkid: 'Z123456(7)' });
  assert.ok(result.ok);
  assert.deepEqual(result.value.warnings, [{ code: 'HKID_CHECK_DIGIT' }]);
  assert.equal(result.value.defaultPin, 'Z12345');
});

test('the patron type defaults to undergraduate and the expiry date may be left empty', () => {
  const result = validateRegistration({ barcode: '1', name: 'A', mainland_id: '11010519491231002X' });
  assert.ok(result.ok);
  assert.equal(result.value.patronType, 'undergraduate');
  assert.equal(result.value.expiryDate, null);
});
