import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAtCounter, validatePatronEdit, validateRegistration } from './patron-registration.js';

test('accepts a full row and works out the default PIN from the HKID', () => {
  const result = validateRegistration({
    barcode: ' 21000001a ',
    name: 'Chan Tai Man',
    email: 'tm.chan@example.edu',
    hkid: 'A123456(3)',
    passport: '',
    mainland_id: '',
    patron_type: 'Postgraduate',
    expiry_date: '2027-08-31',
  });
  assert.ok(result.ok);
  assert.equal(result.value.barcode, '21000001A');
  assert.equal(result.value.defaultPin, 'A12345');
  assert.equal(result.value.idDocument, 'hkid');
  assert.equal(result.value.patronType, 'postgraduate');
  assert.deepEqual(result.value.warnings, []);
});

test('an unknown patron type, a bad date, a bad e-mail and a missing name are all reported together', () => {
  const result = validateRegistration({
    barcode: '1',
    name: '',
    email: 'nope',
    passport: 'XY12345678',
    patron_type: 'wizard',
    expiry_date: '2027-02-30',
  });
  assert.ok(!result.ok);
  assert.deepEqual(
    result.problems.map((p) => p.code),
    ['NAME_MISSING', 'EMAIL_MALFORMED', 'PATRON_TYPE_UNKNOWN', 'EXPIRY_MALFORMED'],
  );
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

test('at the counter, barcode ABC with HKID "nonsense" is refused for both, in the counter\'s own terms', () => {
  const result = validateAtCounter({ barcode: 'ABC', name: 'A', hkid: 'nonsense', expiry_date: '2030-08-31' });
  assert.ok(!result.ok);
  assert.deepEqual(result.problems.map((p) => p.code).sort(), ['BARCODE_NO_DIGIT', 'HKID_MALFORMED']);
});

test('at the counter, each ID number typed must look like its document, and a malformed one is not also "too short"', () => {
  const result = validateAtCounter({
    barcode: '22000001',
    name: 'A',
    hkid: 'A1(2)',
    passport: 'XY12',
    mainland_id: '123',
    expiry_date: '2030-08-31',
  });
  assert.ok(!result.ok);
  assert.deepEqual(
    result.problems.map((p) => p.code),
    ['HKID_MALFORMED', 'PASSPORT_MALFORMED', 'MAINLAND_ID_MALFORMED'],
  );
  // The same row from a file is judged by the file's rules only.
  const imported = validateRegistration({ barcode: '22000001', name: 'A', hkid: 'nonsense' });
  assert.ok(imported.ok);
});

test('at the counter, a wrong HKID check digit in a well-formed number is a warning, never a refusal', () => {
  const result = validateAtCounter({ barcode: '22000001', name: 'A', hkid: 'Z123456(7)', expiry_date: '2030-08-31' });
  assert.ok(result.ok);
  assert.deepEqual(result.value.warnings, [{ code: 'HKID_CHECK_DIGIT' }]);
  const right = validateAtCounter({ barcode: '22000001', name: 'A', hkid: 'A123456(3)', expiry_date: '2030-08-31' });
  assert.ok(right.ok);
  assert.deepEqual(right.value.warnings, []);
});

test('at the counter, a record without an expiry date is refused: every record expires, though a file may leave it out', () => {
  const result = validateAtCounter({ barcode: '22000001', name: 'A', hkid: 'A123456(3)', expiry_date: ' ' });
  assert.ok(!result.ok);
  assert.deepEqual(
    result.problems.map((p) => p.code),
    ['EXPIRY_MISSING'],
  );
  assert.ok(validateRegistration({ barcode: '22000001', name: 'A', hkid: 'A123456(3)' }).ok);
});

test('at the counter, the checks shared with the import still apply', () => {
  const result = validateAtCounter({
    barcode: 'a-b',
    name: '',
    email: 'x',
    passport: 'XY12345678',
    patron_type: 'wizard',
    expiry_date: 'soon',
  });
  assert.ok(!result.ok);
  assert.deepEqual(
    result.problems.map((p) => p.code),
    ['BARCODE_MALFORMED', 'NAME_MISSING', 'EMAIL_MALFORMED', 'PATRON_TYPE_UNKNOWN', 'EXPIRY_MALFORMED'],
  );
});

test('an edit without an ID number keeps the one on record; with one, works out the new default PIN', () => {
  const kept = validatePatronEdit({ name: 'Ho Ka Yan', email: '', patron_type: 'staff', expiry_date: '' });
  assert.ok(kept.ok);
  assert.equal(kept.value.id, null);
  assert.deepEqual(kept.value.profile, { name: 'Ho Ka Yan', email: null, patronType: 'staff', expiryDate: null });
  const corrected = validatePatronEdit({ name: 'Ho Ka Yan', patron_type: 'staff', hkid: 'A123456(3)' });
  assert.ok(corrected.ok);
  assert.deepEqual(corrected.value.id, { idDocument: 'hkid', normalisedIdNumber: 'A1234563', defaultPin: 'A12345', warnings: [] });
  const warned = validatePatronEdit({ name: 'Ho Ka Yan', patron_type: 'staff', hkid: 'Z123456(7)' });
  assert.ok(warned.ok);
  assert.deepEqual(warned.value.id?.warnings, [{ code: 'HKID_CHECK_DIGIT' }]);
});

test('an edit refuses a missing type, a malformed number and the rest, all at once', () => {
  const result = validatePatronEdit({ name: '', patron_type: '', passport: 'nonsense', expiry_date: '31/12/2027' });
  assert.ok(!result.ok);
  assert.deepEqual(
    result.problems.map((p) => p.code),
    ['NAME_MISSING', 'EXPIRY_MALFORMED', 'PATRON_TYPE_UNKNOWN', 'PASSPORT_MALFORMED'],
  );
});
