import { test } from 'node:test';
import assert from 'node:assert/strict';
import { momentOf } from './booking-time.js';
import { slotsOfDay, slotsStillAhead, slotStartsOf } from './day-slots.js';
import { testFacility } from './test-facility.js';

const none = new Map();

test('the slots of a day run from opening to closing in steps of the slot length; a closed weekday has none', () => {
  const room = testFacility({ slotMinutes: 30, hours: { 1: { opens: 9 * 60, closes: 11 * 60 } } });
  assert.deepEqual(slotStartsOf(room, '2026-11-30'), [540, 570, 600, 630]);
  assert.deepEqual(slotStartsOf(room, '2026-12-01'), [], 'Tuesday has no hours');
});

test('a slot that would run past closing is not offered', () => {
  const room = testFacility({ slotMinutes: 60, hours: { 1: { opens: 9 * 60, closes: 10 * 60 + 30 } } });
  assert.deepEqual(slotStartsOf(room, '2026-11-30'), [540]);
});

test('each slot is free, booked, yours, closed by a blackout or past', () => {
  const room = testFacility();
  const date = '2026-12-01';
  const now = momentOf(date, 10 * 60 + 5);
  const taken = new Map([
    [momentOf(date, 12 * 60), { bookingId: 7, mine: false }],
    [momentOf(date, 13 * 60), { bookingId: 8, mine: true }],
    [momentOf(date, 9 * 60), { bookingId: 6, mine: false }],
  ]);
  const blackouts = [{ id: 1, facilityId: null, startsAt: momentOf(date, 15 * 60), endsAt: momentOf(date, 17 * 60), reason: 'Exams' }];
  const states = new Map(slotsOfDay(room, date, { now, blackouts, taken }).map((s) => [s.minutes / 60, s.state]));
  assert.equal(states.get(8), 'past');
  assert.equal(states.get(9), 'past', 'booked by another, but over');
  assert.equal(states.get(10), 'past', 'started five minutes ago');
  assert.equal(states.get(11), 'free');
  assert.equal(states.get(12), 'booked');
  assert.equal(states.get(13), 'yours');
  assert.equal(states.get(15), 'closed');
  assert.equal(states.get(16), 'closed');
  assert.equal(states.get(17), 'free');
});

test('a blackout of another facility leaves this one open', () => {
  const date = '2026-12-01';
  const blackouts = [{ id: 1, facilityId: 2, startsAt: momentOf(date, 0), endsAt: momentOf(date, 1440), reason: 'Painting' }];
  const slots = slotsOfDay(testFacility({ id: 1 }), date, { now: momentOf(date, 0), blackouts, taken: none });
  assert.ok(slots.every((s) => s.state === 'free'));
});

test('across midnight with an injected clock: at 23:59 the last slot is past, at 00:01 the next day is all ahead', () => {
  const room = testFacility({ slotMinutes: 30 });
  const lateNight = Date.parse('2026-12-01T15:59:00Z'); // 23:59 in Hong Kong, 1 December
  const tonight = slotsOfDay(room, '2026-12-01', { now: lateNight, blackouts: [], taken: none });
  assert.equal(tonight.at(-1)!.minutes, 23 * 60 + 30);
  assert.equal(tonight.at(-1)!.state, 'past');
  const tomorrow = slotsOfDay(room, '2026-12-02', { now: lateNight + 2 * 60_000, blackouts: [], taken: none });
  assert.ok(
    tomorrow.every((s) => s.state === 'free'),
    '00:01: every slot of 2 December is still ahead',
  );
  assert.equal(new Date(tomorrow[0]!.start).toISOString(), '2026-12-02T00:00:00.000Z', '08:00 in Hong Kong');
});

test('late in the day only the slots not yet over are listed; once all are over the day says so', () => {
  const room = testFacility({ slotMinutes: 30, hours: { 2: { opens: 8 * 60, closes: 22 * 60 } } });
  const date = '2026-12-01';
  const slots = slotsOfDay(room, date, { now: momentOf(date, 21 * 60 + 10), blackouts: [], taken: none });
  const evening = slotsStillAhead(slots, momentOf(date, 21 * 60 + 10));
  assert.deepEqual(
    evening.slots.map((s) => [s.minutes, s.state]),
    [
      [21 * 60, 'past'],
      [21 * 60 + 30, 'free'],
    ],
    'the slot under way stays; the 26 that ended are gone',
  );
  assert.equal(evening.endedAt, null);
  const closed = slotsStillAhead(slots, momentOf(date, 22 * 60));
  assert.deepEqual(closed, { slots: [], endedAt: momentOf(date, 22 * 60) });
  assert.deepEqual(slotsStillAhead([], momentOf(date, 9 * 60)), { slots: [], endedAt: null }, 'a day it does not open has not "ended"');
});
