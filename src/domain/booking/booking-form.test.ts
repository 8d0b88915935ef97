import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBookingForm } from './booking-form.js';

const good = { facility: '3', date: '2026-12-01', start: '14:00', slots: '2', members: ' 21000002,21000003\n21000004 ' };

test('a booking form reads its facility, date, start, slots and members (commas, spaces or lines between them)', () => {
  assert.deepEqual(readBookingForm(good), {
    ok: true,
    form: { facilityId: 3, date: '2026-12-01', start: 840, slots: 2, members: ['21000002', '21000003', '21000004'] },
  });
  assert.deepEqual(readBookingForm({ ...good, members: '' }), {
    ok: true,
    form: { facilityId: 3, date: '2026-12-01', start: 840, slots: 2, members: [] },
  });
});

test('every field that cannot be read is a problem of its own', () => {
  const read = readBookingForm({ facility: 'x', date: '2026-02-30', start: '25:00', slots: '0', members: '2100<0002' });
  assert.equal(read.ok, false);
  assert.deepEqual(!read.ok && read.problems.map((p) => p.code), [
    'FACILITY_MISSING',
    'DATE_MALFORMED',
    'START_MALFORMED',
    'SLOTS_MALFORMED',
    'MEMBER_MALFORMED',
  ]);
});

test('twenty-one members are more than any room holds, and are not read one by one', () => {
  const read = readBookingForm({ ...good, members: Array.from({ length: 21 }, (_, i) => `2100${String(i).padStart(4, '0')}`).join(' ') });
  assert.deepEqual(!read.ok && read.problems, [{ code: 'MEMBERS_TOO_MANY', field: 'members', max: 20 }]);
});
