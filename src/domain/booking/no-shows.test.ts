import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInWindow, isNoShow, suspendedUntil } from './no-shows.js';

const rules = { checkInBeforeMin: 5, noShowAfterMin: 10, noShowLimit: 3, noShowWindowDays: 30, suspensionDays: 14 };
const MIN = 60_000;
const DAY = 86_400_000;
const start = Date.parse('2026-12-01T06:00:00Z');

test('check-in opens 5 minutes before the start and closes 10 minutes after it', () => {
  assert.deepEqual(checkInWindow(start, start - 6 * MIN, rules), { kind: 'not-yet', opensAt: start - 5 * MIN });
  assert.deepEqual(checkInWindow(start, start - 5 * MIN, rules), { kind: 'open' });
  assert.deepEqual(checkInWindow(start, start + 9 * MIN, rules), { kind: 'open' });
  assert.deepEqual(checkInWindow(start, start + 10 * MIN, rules), { kind: 'over', closedAt: start + 10 * MIN });
});

test('a booking not checked in is a no-show from 10 minutes after its start', () => {
  assert.equal(isNoShow(start, start + 10 * MIN - 1, rules), false);
  assert.equal(isNoShow(start, start + 10 * MIN, rules), true);
});

test('three no-shows within 30 days suspend booking for 14 days from the third', () => {
  const shows = [start, start + 10 * DAY, start + 20 * DAY];
  assert.equal(suspendedUntil(shows, start + 21 * DAY, rules), start + 34 * DAY);
  assert.equal(suspendedUntil(shows, start + 34 * DAY, rules), null, 'over on the day it ends');
});

test('two no-shows suspend nothing, nor three spread over more than 30 days', () => {
  assert.equal(suspendedUntil([start, start + DAY], start + 2 * DAY, rules), null);
  assert.equal(suspendedUntil([start, start + 20 * DAY, start + 31 * DAY], start + 32 * DAY, rules), null);
});

test('a fourth no-show within the window starts a longer suspension', () => {
  const shows = [start, start + DAY, start + 2 * DAY, start + 5 * DAY];
  assert.equal(suspendedUntil(shows, start + 6 * DAY, rules), start + 19 * DAY);
});
