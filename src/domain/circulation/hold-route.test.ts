import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeHold } from './hold-route.js';

const MAIN = 1;
const LAW = 2;

test('a copy checked in at the pickup location goes on its hold shelf, the days to collect counted from today', () => {
  assert.deepEqual(routeHold({ here: LAW, pickupLocationId: LAW, today: '2026-11-28', holdDays: 7 }), {
    kind: 'hold-shelf',
    collectBy: '2026-12-05',
  });
});

test('a copy checked in anywhere else travels to the pickup location, with no day counted yet', () => {
  assert.deepEqual(routeHold({ here: MAIN, pickupLocationId: LAW, today: '2026-11-28', holdDays: 7 }), { kind: 'transit' });
});

test('a copy whose whereabouts are not known (its hold cancelled on the way) travels too, even to the place it was going', () => {
  assert.deepEqual(routeHold({ here: null, pickupLocationId: LAW, today: '2026-11-28', holdDays: 7 }), { kind: 'transit' });
});

test('the hold-shelf days run across the end of a month and a year', () => {
  assert.deepEqual(routeHold({ here: MAIN, pickupLocationId: MAIN, today: '2026-12-29', holdDays: 5 }), {
    kind: 'hold-shelf',
    collectBy: '2027-01-03',
  });
});
