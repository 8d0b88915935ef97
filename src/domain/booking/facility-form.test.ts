import { test } from 'node:test';
import assert from 'node:assert/strict';
import { momentOf } from './booking-time.js';
import { readBlackoutForm, readFacilityForm } from './facility-form.js';

const closed = {
  opens_1: '',
  closes_1: '',
  opens_2: '',
  closes_2: '',
  opens_3: '',
  closes_3: '',
  opens_4: '',
  closes_4: '',
  opens_5: '',
  closes_5: '',
  opens_6: '',
  closes_6: '',
  opens_7: '',
  closes_7: '',
};
const room = {
  name: ' Group Study Room 9 ',
  kind: 'group_room',
  location: '4/F',
  capacity_min: '3',
  capacity_max: '6',
  slot_minutes: '60',
  ...closed,
  opens_1: '08:00',
  closes_1: '22:00',
};

test('a facility form reads its name, kind, capacity, slot length, patron types and the hours of each weekday (none: closed)', () => {
  const read = readFacilityForm(room, ['undergraduate', 'staff']);
  assert.deepEqual(read, {
    ok: true,
    facility: {
      name: 'Group Study Room 9',
      kind: 'group_room',
      location: '4/F',
      capacityMin: 3,
      capacityMax: 6,
      slotMinutes: 60,
      patronTypes: ['undergraduate', 'staff'],
      hours: { 1: { opens: 480, closes: 1320 } },
    },
  });
});

test('every problem of a facility form is named beside its field', () => {
  const read = readFacilityForm(
    {
      ...room,
      name: '',
      kind: 'sofa',
      capacity_min: '7',
      capacity_max: '6',
      slot_minutes: '45',
      opens_2: '9am',
      closes_2: '10:00',
      opens_3: '10:00',
      closes_3: '09:00',
    },
    ['visitor'],
  );
  assert.equal(read.ok, false);
  assert.deepEqual(!read.ok && read.problems.map((p) => `${p.field} ${p.code}`), [
    'name REQUIRED',
    'kind KIND_UNKNOWN',
    'capacity_max CAPACITY_ORDER',
    'slot_minutes SLOT_LENGTH',
    'patron_types TYPES_REQUIRED',
    'opens_2 TIME_MALFORMED',
    'closes_3 HOURS_ORDER',
  ]);
});

test('hours that do not divide into whole slots are refused', () => {
  const read = readFacilityForm({ ...room, closes_1: '21:30' }, ['staff']);
  assert.deepEqual(!read.ok && read.problems, [{ code: 'HOURS_SLOT', field: 'closes_1', max: 60 }]);
});

test('a blackout runs from a date and time to a date and time in Hong Kong (no times: whole days), for one facility or all', () => {
  const read = readBlackoutForm(
    { facility: '', from_date: '2026-12-01', from_time: '', to_date: '2026-12-02', to_time: '', reason: 'Exams' },
    [1, 2],
  );
  assert.deepEqual(read, {
    ok: true,
    blackout: { facilityId: null, startsAt: momentOf('2026-12-01', 0), endsAt: momentOf('2026-12-03', 0), reason: 'Exams' },
  });
  const bad = readBlackoutForm(
    { facility: '9', from_date: '2026-12-02', from_time: '10:00', to_date: '2026-12-02', to_time: '09:00', reason: '' },
    [1, 2],
  );
  assert.deepEqual(!bad.ok && bad.problems.map((p) => p.code), ['FACILITY_UNKNOWN', 'REQUIRED', 'ORDER']);
});
