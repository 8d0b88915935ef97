import { test } from 'node:test';
import assert from 'node:assert/strict';
import { momentOf } from './booking-time.js';
import { checkBooking, slotMoments, slotsLeft, type BookingAsked, type BookingFacts } from './booking-rules.js';
import { testFacility } from './test-facility.js';

const rules = { daysAhead: 7, checkInBeforeMin: 5, noShowAfterMin: 10, noShowLimit: 3, noShowWindowDays: 30, suspensionDays: 14 };
const today = '2026-12-01';
const member = (barcode: string, over: Partial<{ found: boolean; expired: boolean; allowed: boolean; busy: boolean }> = {}) => ({
  barcode,
  found: true,
  expired: false,
  allowed: true,
  busy: false,
  ...over,
});

function asked(over: Partial<BookingAsked> = {}): BookingAsked {
  return { facility: testFacility(), date: today, start: 14 * 60, slots: 2, members: ['21000002', '21000003'], ...over };
}
function facts(over: Partial<BookingFacts> = {}): BookingFacts {
  return {
    now: momentOf(today, 9 * 60),
    today,
    rules,
    limits: { patronType: 'undergraduate', slotsPerDay: 4, slotsPerWeek: 12 },
    booker: { barcode: '21000001', patronType: 'undergraduate' },
    suspendedUntil: null,
    blackouts: [],
    usedThatDay: 0,
    usedThatWeek: 0,
    madeLately: 0,
    overlapping: null,
    members: [member('21000002'), member('21000003')],
    ...over,
  };
}
const codes = (a: BookingAsked, f: BookingFacts) => checkBooking(a, f).map((v) => v.code);

test('a group room for 3 with two others, in its hours, within the limits: no violation', () => {
  assert.deepEqual(checkBooking(asked(), facts()), []);
});

test('the minimum counts the booker: one other member is too few for a room for 3', () => {
  const found = checkBooking(asked({ members: ['21000002'] }), facts({ members: [member('21000002')] }));
  assert.deepEqual(found, [{ code: 'TOO_FEW_PEOPLE', field: 'members', min: 3, people: 2 }]);
});

test('a member who cannot be invited (unknown, expired, not admitted, busy, the booker) is refused with one and the same code', () => {
  const found = checkBooking(
    asked(),
    facts({
      members: [
        member('21000009', { found: false }),
        member('21000005', { expired: true }),
        member('21000007', { allowed: false }),
        member('21000006', { busy: true }),
        member('21000001'),
        member('21000006'),
      ],
    }),
  );
  assert.deepEqual(
    found.map((v) => [v.code, 'barcode' in v ? v.barcode : '']),
    [
      ['MEMBER_NOT_INVITABLE', '21000009'],
      ['MEMBER_NOT_INVITABLE', '21000005'],
      ['MEMBER_NOT_INVITABLE', '21000007'],
      ['MEMBER_NOT_INVITABLE', '21000006'],
      ['MEMBER_NOT_INVITABLE', '21000001'],
      ['MEMBER_REPEATED', '21000006'],
    ],
  );
});

test('the minimum counts the invited members at booking time: two invited others fill a room for 3', () => {
  assert.deepEqual(codes(asked(), facts({ members: [member('21000002'), member('21000003')] })), []);
});

test('more people than the room holds are refused', () => {
  const others = ['2', '3', '4', '5', '6', '7'].map((n) => member(`2100000${n}`));
  assert.deepEqual(codes(asked(), facts({ members: others })), ['TOO_MANY_PEOPLE']);
});

test('outside the opening hours, off the slot boundary, or running past closing: OUTSIDE_HOURS with the hours', () => {
  assert.deepEqual(checkBooking(asked({ start: 7 * 60 }), facts())[0], {
    code: 'OUTSIDE_HOURS',
    field: 'start',
    opens: '08:00',
    closes: '24:00',
    slotMinutes: 60,
  });
  assert.deepEqual(codes(asked({ start: 14 * 60 + 30 }), facts()), ['OUTSIDE_HOURS']);
  assert.deepEqual(codes(asked({ start: 23 * 60, slots: 2 }), facts()), ['OUTSIDE_HOURS']);
});

test('a weekday without hours is closed that day', () => {
  assert.deepEqual(codes(asked({ facility: testFacility({ hours: {} }) }), facts()), ['CLOSED_THAT_DAY']);
});

test('a slot already started, and a date past the 7 days ahead, are refused', () => {
  assert.deepEqual(codes(asked({ start: 9 * 60 }), facts({ now: momentOf(today, 9 * 60) })), ['STARTED']);
  const far = checkBooking(asked({ date: '2026-12-09' }), facts());
  assert.deepEqual(far[0], { code: 'DATE_OUT_OF_RANGE', field: 'date', first: today, last: '2026-12-08' });
});

test('across midnight with an injected clock: at 23:59 tomorrow is bookable from 00:00 and today has no slot left to start', () => {
  const allDay = testFacility({ hours: { 3: { opens: 0, closes: 1440 }, 2: { opens: 0, closes: 1440 } } });
  const lateNight = momentOf(today, 23 * 60 + 59);
  assert.deepEqual(codes(asked({ facility: allDay, date: '2026-12-02', start: 0 }), facts({ now: lateNight })), []);
  assert.deepEqual(codes(asked({ facility: allDay, date: today, start: 23 * 60, slots: 1 }), facts({ now: lateNight })), ['STARTED']);
  // Two minutes later it is 2 December in Hong Kong: "today" moved with the clock, so 9 December is in range.
  assert.deepEqual(
    codes(
      asked({ facility: testFacility(), date: '2026-12-09', start: 10 * 60 }),
      facts({ now: lateNight + 120_000, today: '2026-12-02' }),
    ),
    [],
  );
});

test('a blackout over any of the slots refuses the booking, with its reason', () => {
  const blackouts = [
    { id: 1, facilityId: 1, startsAt: momentOf(today, 15 * 60), endsAt: momentOf(today, 18 * 60), reason: 'Carpet cleaning' },
  ];
  assert.deepEqual(checkBooking(asked(), facts({ blackouts }))[0], {
    code: 'BLACKOUT',
    field: 'start',
    reason: 'Carpet cleaning',
    until: momentOf(today, 18 * 60),
  });
});

test('4 slots a day and 12 a week: the refusal says how many are left', () => {
  assert.deepEqual(checkBooking(asked({ slots: 2 }), facts({ usedThatDay: 3 })), [
    { code: 'DAY_LIMIT', field: 'slots', allowed: 4, left: 1 },
  ]);
  assert.deepEqual(checkBooking(asked({ slots: 2 }), facts({ usedThatWeek: 11 })), [
    { code: 'WEEK_LIMIT', field: 'slots', allowed: 12, left: 1 },
  ]);
  assert.deepEqual(slotsLeft(facts({ usedThatDay: 1, usedThatWeek: 10 })), { day: 3, week: 2, most: 2 });
});

test('booking and cancelling in a loop ends: with 12 slots a week, 24 bookings made in 7 days, cancelled ones included, are the most', () => {
  assert.deepEqual(checkBooking(asked(), facts({ madeLately: 23 })), []);
  assert.deepEqual(checkBooking(asked(), facts({ madeLately: 24 })), [{ code: 'MADE_LIMIT', field: 'date', allowed: 24, days: 7 }]);
});

test('an overlapping booking of the patron, a suspension and a patron type not allowed are each named', () => {
  const overlapping = { facility: 'PC 12', from: momentOf(today, 14 * 60), to: momentOf(today, 15 * 60), asMember: false };
  const until = momentOf('2026-12-10', 0);
  const found = codes(asked({ facility: testFacility({ patronTypes: ['postgraduate'] }) }), facts({ overlapping, suspendedUntil: until }));
  assert.deepEqual(found, ['SUSPENDED', 'TYPE_NOT_ALLOWED', 'OVERLAP']);
});

test('the slots booked are consecutive, one slot length apart', () => {
  const moments = slotMoments(asked({ facility: testFacility({ slotMinutes: 30 }), start: 600, slots: 3 }));
  assert.deepEqual(
    moments.map((m) => (m - moments[0]!) / 60_000),
    [0, 30, 60],
  );
});
