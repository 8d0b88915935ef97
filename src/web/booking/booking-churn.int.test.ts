/**
 * Booking and cancelling in a loop: the day and week limits count only bookings that hold slots, so
 * each cancelled booking freed its slots for the next, and every booking made a row and mailed a
 * confirmation. Bookings made in 7 days are capped, cancelled ones included (booking-rules.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { momentOf } from '../../domain/booking/booking-time.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let patron: TestBrowser;
const TUESDAY = '2030-01-08';

before(async () => {
  portal = await startTestPortal();
  portal.clock.set(momentOf('2030-01-07', 9 * 60));
  // Wong Siu Ling is of type staff: 2 slots a week lets her make 4 bookings in 7 days.
  prepare(portal.portal.db, "UPDATE booking_limits SET slots_per_week = 2 WHERE patron_type = 'staff'").run();
  patron = new TestBrowser(portal.url);
  assert.equal((await patron.logIn('21000004', 'K7M2P9')).status, 303);
});
after(() => portal.close());

async function bookAndCancel(pc: number): Promise<number> {
  await patron.get(`/myrecord/bookings/new?facility=${pc}&date=${TUESDAY}&start=18:00`);
  const made = await patron.post('/myrecord/bookings', { facility: String(pc), date: TUESDAY, start: '18:00', slots: '1', members: '' });
  if (made.status !== 303) return made.status;
  const id = prepare(portal.portal.db, 'SELECT MAX(id) FROM bookings').pluck().get() as number;
  await patron.get('/myrecord/bookings');
  assert.equal((await patron.post(`/myrecord/bookings/${id}/cancel`, {})).status, 303);
  return made.status;
}

test('four bookings made and cancelled in a week are the most with 2 slots a week; the fifth is 422, says when she may book again, and stores nothing', async () => {
  const pc = portal.portal.repos.facilities.idByName('Computer PC-3B')!;
  for (let i = 0; i < 4; i++) assert.equal(await bookAndCancel(pc), 303, `booking ${i + 1}`);
  await patron.get(`/myrecord/bookings/new?facility=${pc}&date=${TUESDAY}&start=18:00`);
  const refused = await patron.post('/myrecord/bookings', { facility: String(pc), date: TUESDAY, start: '18:00', slots: '1', members: '' });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /You have made 4 bookings in the last 7 days, cancelled ones included, the most you may make in that time\./);
  assert.equal(
    prepare(portal.portal.db, 'SELECT COUNT(*) FROM bookings WHERE date = ?').pluck().get(TUESDAY),
    4,
    'nothing more was stored',
  );
});
