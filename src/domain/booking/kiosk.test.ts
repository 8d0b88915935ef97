import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseKioskBooking, initialsOf, kioskLines, mayCheckIn } from './kiosk.js';

const rules = { checkInBeforeMin: 5, noShowAfterMin: 10 };
const MIN = 60_000;
const nine = Date.parse('2030-01-07T01:00:00Z');

test('a booker is shown by the first letter of each word of the name, in capitals, at most three', () => {
  assert.equal(initialsOf('Wong Siu Ling'), 'WSL');
  assert.equal(initialsOf('Chan Tai-man'), 'CT');
  assert.equal(initialsOf('maria  de la Santos'), 'MDL');
  assert.equal(initialsOf('陳大文'), '陳');
  assert.equal(initialsOf("  O'Brien, (Kate)  "), 'OK');
  assert.equal(initialsOf(''), '');
  assert.equal(initialsOf('12 34'), '');
});

test('the booker may check a booking in, and a member only once he has accepted', () => {
  const booking = { patronId: 1 };
  assert.equal(mayCheckIn(1, booking, []), true);
  assert.equal(mayCheckIn(2, booking, [{ patronId: 2, accepted: true }]), true);
  assert.equal(mayCheckIn(2, booking, [{ patronId: 2, accepted: false }]), false);
  assert.equal(mayCheckIn(3, booking, [{ patronId: 2, accepted: true }]), false);
});

test('a check-in is for the booking waiting with its window open, not a later one', () => {
  const now = nine + 2 * MIN;
  const first = { id: 1, status: 'booked' as const, startsAt: nine, endsAt: nine + 30 * MIN };
  const later = { id: 2, status: 'booked' as const, startsAt: nine + 120 * MIN, endsAt: nine + 150 * MIN };
  assert.deepEqual(chooseKioskBooking([later, first], now, rules), { kind: 'open', booking: first });
});

test('too early: the next booking waiting and when its check-in opens', () => {
  const later = { id: 2, status: 'booked' as const, startsAt: nine + 120 * MIN, endsAt: nine + 150 * MIN };
  assert.deepEqual(chooseKioskBooking([later], nine, rules), { kind: 'not-yet', booking: later, opensAt: nine + 115 * MIN });
});

test('already checked in, a window closed, or no booking at all: each said as such', () => {
  const inside = { id: 1, status: 'checked_in' as const, startsAt: nine, endsAt: nine + 60 * MIN };
  assert.deepEqual(chooseKioskBooking([inside], nine + 20 * MIN, rules), { kind: 'already-in', booking: inside });
  const later = { id: 2, status: 'booked' as const, startsAt: nine + 120 * MIN, endsAt: nine + 150 * MIN };
  assert.deepEqual(
    chooseKioskBooking([inside, later], nine + 20 * MIN, rules),
    { kind: 'already-in', booking: inside },
    'the booking going on now comes before a later one',
  );
  const missed = { id: 3, status: 'booked' as const, startsAt: nine, endsAt: nine + 60 * MIN };
  assert.deepEqual(chooseKioskBooking([missed], nine + 10 * MIN, rules), { kind: 'over', booking: missed });
  assert.deepEqual(chooseKioskBooking([{ ...inside, endsAt: nine + 30 * MIN }], nine + 30 * MIN, rules), { kind: 'none' });
  assert.deepEqual(chooseKioskBooking([], nine, rules), { kind: 'none' });
});

test("the kiosk's day: a held slot shows its booking's state and the booker's initials, started or not; others their slot's state", () => {
  const slot = (start: number, state: 'free' | 'booked' | 'closed' | 'past', bookingId: number | null = null) => ({
    start,
    end: start + 30 * MIN,
    state,
    bookingId,
  });
  const lines = kioskLines(
    [
      slot(nine - 30 * MIN, 'past'),
      slot(nine, 'past', 7),
      slot(nine + 30 * MIN, 'booked', 8),
      slot(nine + 60 * MIN, 'closed'),
      slot(nine + 90 * MIN, 'free'),
    ],
    new Map([
      [7, { status: 'booked' as const, bookerName: 'Wong Siu Ling', startsAt: nine, endsAt: nine + 30 * MIN }],
      [8, { status: 'checked_in' as const, bookerName: 'Li Wei', startsAt: nine + 30 * MIN, endsAt: nine + 60 * MIN }],
    ]),
  );
  assert.deepEqual(
    lines.map((l) => [l.state, l.initials]),
    [
      ['past', null],
      ['booked', 'WSL'],
      ['checked_in', 'LW'],
      ['closed', null],
      ['free', null],
    ],
  );
});

test('a live booking no slot holds (the hours changed since) gets a line of its own, in time order; a cancelled one none', () => {
  const lines = kioskLines(
    [{ start: nine, end: nine + 30 * MIN, state: 'free' as const, bookingId: null }],
    new Map([
      [9, { status: 'booked' as const, bookerName: 'Mak Tsz Ching', startsAt: nine - 2 * MIN, endsAt: nine + 28 * MIN }],
      [10, { status: 'cancelled' as const, bookerName: 'Li Wei', startsAt: nine + 60 * MIN, endsAt: nine + 90 * MIN }],
    ]),
  );
  assert.deepEqual(
    lines.map((l) => [l.start - nine, l.state, l.initials]),
    [
      [-2 * MIN, 'booked', 'MTC'],
      [0, 'free', null],
    ],
  );
});
