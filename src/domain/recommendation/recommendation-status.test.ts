import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkStatusChange, patronMayCancel, staffMayChange } from './recommendation-status.js';

describe('recommendation statuses', () => {
  test('staff move it one step forward at a time', () => {
    assert.ok(staffMayChange('submitted', 'accepted'));
    assert.ok(staffMayChange('accepted', 'ordered'));
    assert.ok(staffMayChange('ordered', 'available'));
    assert.ok(!staffMayChange('submitted', 'ordered'));
    assert.ok(!staffMayChange('submitted', 'available'));
    assert.ok(!staffMayChange('accepted', 'accepted'));
  });

  test('an open recommendation can be rejected; a closed one cannot change', () => {
    for (const from of ['submitted', 'accepted', 'ordered'] as const) assert.ok(staffMayChange(from, 'rejected'));
    for (const from of ['available', 'rejected', 'cancelled'] as const) {
      for (const to of ['accepted', 'ordered', 'available', 'rejected'] as const) assert.ok(!staffMayChange(from, to));
    }
  });

  test('the patron cancels only while it is submitted', () => {
    assert.ok(patronMayCancel('submitted'));
    assert.ok(!patronMayCancel('accepted'));
    assert.ok(!patronMayCancel('cancelled'));
  });
});

describe('the staff status form', () => {
  const form = { status: '', reason: '', note: '', record_isbn: '' };
  test('needs a status from the list', () => {
    assert.deepEqual(checkStatusChange({ ...form, status: 'lost' }), {
      ok: false,
      problems: [{ field: 'status', code: 'STATUS_REQUIRED' }],
    });
  });
  test('a rejection needs a reason, and "other" a note', () => {
    assert.deepEqual(checkStatusChange({ ...form, status: 'rejected' }), {
      ok: false,
      problems: [{ field: 'reason', code: 'REASON_REQUIRED' }],
    });
    assert.deepEqual(checkStatusChange({ ...form, status: 'rejected', reason: 'other' }), {
      ok: false,
      problems: [{ field: 'note', code: 'NOTE_REQUIRED_FOR_OTHER' }],
    });
    const ok = checkStatusChange({ ...form, status: 'rejected', reason: 'price', note: '  ' });
    assert.deepEqual(ok, { ok: true, change: { status: 'rejected', reason: 'price', note: '', recordIsbn: '' } });
  });
  test('a reason given with another status is ignored', () => {
    assert.deepEqual(checkStatusChange({ ...form, status: 'accepted', reason: 'price' }), {
      ok: true,
      change: { status: 'accepted', reason: null, note: '', recordIsbn: '' },
    });
  });
  test('"available" needs the record ISBN', () => {
    assert.deepEqual(checkStatusChange({ ...form, status: 'available' }), {
      ok: false,
      problems: [{ field: 'record_isbn', code: 'RECORD_ISBN_REQUIRED' }],
    });
  });
});
