import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockTime, clockTimeOf, dayStartMs, minutesOfDay, momentOf, parseClockTime, weekdayOf, weekOf } from './booking-time.js';

test('a Hong Kong day starts at 16:00 UTC the day before, and 23:30 there is 15:30 UTC', () => {
  assert.equal(new Date(dayStartMs('2026-12-02')).toISOString(), '2026-12-01T16:00:00.000Z');
  assert.equal(new Date(momentOf('2026-12-01', 23 * 60 + 30)).toISOString(), '2026-12-01T15:30:00.000Z');
});

test('across midnight: 15:59 UTC is 23:59 of one Hong Kong day, 16:01 UTC is 00:01 of the next', () => {
  assert.equal(minutesOfDay(Date.parse('2026-12-01T15:59:00Z')), 23 * 60 + 59);
  assert.equal(minutesOfDay(Date.parse('2026-12-01T16:01:00Z')), 1);
  assert.equal(clockTimeOf(Date.parse('2026-12-01T16:01:00Z')), '00:01');
});

test('weekdays run Monday 1 to Sunday 7, and a week is Monday to Sunday of the date', () => {
  assert.equal(weekdayOf('2026-11-30'), 1);
  assert.equal(weekdayOf('2026-12-06'), 7);
  assert.deepEqual(weekOf('2026-12-06'), { monday: '2026-11-30', sunday: '2026-12-06' });
  assert.deepEqual(weekOf('2026-12-07'), { monday: '2026-12-07', sunday: '2026-12-13' });
});

test('times of day read and write as HH:MM, 24:00 the end of the day; anything else is refused', () => {
  assert.equal(parseClockTime('09:30'), 570);
  assert.equal(parseClockTime('24:00'), 1440);
  for (const bad of ['9:30', '24:30', '12:60', '', '0930', '12:00 ']) assert.equal(parseClockTime(bad), undefined, bad);
  assert.equal(clockTime(570), '09:30');
  assert.equal(clockTime(1440), '24:00');
});

test('the time of day agrees with the Hong Kong clock as Intl keeps it, at moments 679 minutes apart over two years', () => {
  const hongKong = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Hong_Kong', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (let ms = Date.parse('2025-06-01T00:00:00Z'); ms < Date.parse('2027-06-01T00:00:00Z'); ms += 7 * 60_000 * 97) {
    assert.equal(clockTimeOf(ms), hongKong.format(new Date(ms)), new Date(ms).toISOString());
  }
});
