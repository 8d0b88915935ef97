/**
 * iBooking over HTTP as facilities staff use it, on a fake clock set to Monday 7 January 2030,
 * 09:00 in Hong Kong, with a patron's group room and computer booked for Tuesday: staff check-in
 * and cancelling with a reason, the staff day view, no-shows released at housekeeping and the
 * suspension they bring, a blackout that refuses bookings and cancels those inside it, a facility
 * edited, and the facilities role that all of it needs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoStaffIn, startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { bookingStatus, bookThroughForm, facilityId, lastBookingId, type BookingAsked } from '../../test-support/booking-requests.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { momentOf } from '../../domain/booking/booking-time.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let close: () => Promise<void>;
let patron: TestBrowser;
let staff: TestBrowser;
const MONDAY_9AM = momentOf('2030-01-07', 9 * 60);
const TUESDAY = '2030-01-08';
const id = (name: string) => facilityId(portal, name);
const statusOf = (bookingId: number) => bookingStatus(portal, bookingId);
const lastBooking = () => lastBookingId(portal);
const book = (fields: BookingAsked) => bookThroughForm(patron, fields, TUESDAY);

/** Moves the fake clock, and logs both in again: a jump of hours ends the sessions as idleness would. */
async function moveTo(ms: number): Promise<void> {
  portal.clock.set(ms);
  patron = new TestBrowser(portal.url);
  assert.equal((await patron.logIn('21000004', 'K7M2P9')).status, 303);
  staff = await demoStaffIn(portal, 'facilities');
}

before(async () => {
  ({ portal, smtp, close } = await startPortalWithMail());
  await moveTo(MONDAY_9AM);
  // What the desk acts on: the patron's group room on Tuesday 10:00–12:00 and a computer at 18:00.
  const room = await book({ facility: id('Group Study Room 401'), start: '10:00', slots: '2', members: '21000002, 21000003' });
  assert.equal(room.status, 303);
  assert.equal((await book({ facility: id('Computer PC-3B'), start: '18:00', slots: '1' })).status, 303);
});
after(() => close());

test('facilities staff check a booking in within its window, and cancel another with a reason the patron is mailed', async () => {
  const pcBooking = lastBooking();
  await moveTo(momentOf(TUESDAY, 18 * 60 - 10));
  await staff.get(`/staff/bookings?date=${TUESDAY}`);
  const early = await staff.shown(await staff.post(`/staff/bookings/${pcBooking}/check-in`, {}));
  assert.match(early.text, /check-in for Wong Siu Ling \(Computer PC-3B, 18:00–18:30\) opens at 17:55/);
  await moveTo(momentOf(TUESDAY, 18 * 60 - 2));
  await staff.get(`/staff/bookings?date=${TUESDAY}`);
  assert.equal((await staff.post(`/staff/bookings/${pcBooking}/check-in`, {})).status, 303);
  assert.equal(statusOf(pcBooking), 'checked_in');
  await moveTo(MONDAY_9AM);
  const room = prepare(portal.portal.db, "SELECT MIN(id) FROM bookings WHERE status = 'booked' AND date = ?")
    .pluck()
    .get(TUESDAY) as number;
  await staff.get(`/staff/bookings?date=${TUESDAY}`);
  assert.equal((await staff.post(`/staff/bookings/${room}/cancel`, { reason: '' })).status, 422);
  assert.equal((await staff.post(`/staff/bookings/${room}/cancel`, { reason: 'Water leak in the room' })).status, 303);
  assert.equal(statusOf(room), 'cancelled');
  const mail = await smtp.waitFor((m) => m.subject.startsWith('Booking cancelled'));
  assert.match(mail.text, /The reason: Water leak in the room/);
  const audit = prepare(portal.portal.db, "SELECT COUNT(*) FROM audit_log WHERE action IN ('booking.checked-in', 'booking.cancelled')")
    .pluck()
    .get() as number;
  assert.ok(audit >= 2);
});

test('the staff day view runs by the clock, the facility a column; cancelled bookings are listed apart, with their reasons', async () => {
  // Booked so that the order by facility name (PC-3A, PC-3B, Single) is the reverse of the order by time.
  const wednesday = '2030-01-09';
  for (const [name, start] of [
    ['Computer PC-3A', '11:00'],
    ['Computer PC-3B', '10:00'],
    ['Single Study Room 410', '09:00'],
  ] as const) {
    const made = await book({ facility: id(name), date: wednesday, start });
    assert.equal(made.status, 303, `${name} ${start}: ${/<li>([^<]+)<\/li>/.exec(made.text)?.[1]}`);
  }
  const pcB = lastBooking() - 1;
  await patron.get(`/myrecord/bookings/${pcB}/cancel`);
  assert.equal((await patron.post(`/myrecord/bookings/${pcB}/cancel`, {})).status, 303);
  const day = await staff.get(`/staff/bookings?date=${wednesday}`);
  const [live, cancelled = ''] = day.text.split('id="cancelled-title"');
  const rows = (text: string) =>
    [...text.matchAll(/staff-bookings__time">(\d\d:\d\d)–\d\d:\d\d<\/td>\s*<td data-label="Facility">([^<]+)<\/td>/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
  assert.deepEqual(rows(live!), ['09:00 Single Study Room 410', '11:00 Computer PC-3A'], 'by start time; the cancelled one not among them');
  assert.match(cancelled, /Cancelled bookings<\/h2>/);
  assert.deepEqual(rows(cancelled), ['10:00 Computer PC-3B']);
  // The one staff cancelled on Tuesday is listed apart there too, with the reason the patron was given.
  const tuesday = (await staff.get(`/staff/bookings?date=${TUESDAY}`)).text.split('id="cancelled-title"');
  assert.doesNotMatch(tuesday[0]!, /Water leak in the room/);
  assert.match(tuesday[1] ?? '', /Water leak in the room/);
});

test('no-shows: not checked in 10 minutes after the start, released at housekeeping; the third in 30 days suspends booking, with the date', async () => {
  const pc = id('Computer PC-4A');
  const ids: number[] = [];
  for (const date of ['2030-01-08', '2030-01-09', '2030-01-10']) {
    const answer = await book({ facility: pc, date, start: '08:00' });
    assert.equal(answer.status, 303, /<li>([^<]+)<\/li>/.exec(answer.text)?.[1]);
    ids.push(lastBooking());
  }
  for (const [i, date] of ['2030-01-08', '2030-01-09', '2030-01-10'].entries()) {
    portal.clock.set(momentOf(date, 8 * 60 + 9));
    portal.portal.housekeeping();
    assert.equal(statusOf(ids[i]!), 'booked', 'nine minutes after: still waiting');
    portal.clock.set(momentOf(date, 8 * 60 + 10));
    portal.portal.housekeeping();
    assert.equal(statusOf(ids[i]!), 'no_show');
    assert.equal(
      prepare(portal.portal.db, 'SELECT COUNT(*) FROM booked_slots WHERE booking_id = ?').pluck().get(ids[i]),
      0,
      'its slots released',
    );
  }
  await moveTo(momentOf('2030-01-10', 9 * 60));
  const day = await patron.get('/myrecord/bookings/day');
  assert.match(day.text, /you cannot book until 24 January 2030/);
  const refused = await book({ facility: pc, date: '2030-01-11', start: '09:00' });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /You cannot book until 24 January 2030/);
  const mail = await smtp.waitFor((m) => m.subject.startsWith('Booking released') && /cannot book until/.test(m.text));
  assert.match(mail.text, /3 in the last 30 days/);
  prepare(portal.portal.db, "UPDATE bookings SET status = 'cancelled' WHERE status = 'no_show'").run();
});

test('a blackout cancels the bookings inside it and mails their holders; a booking inside it is then refused with its reason', async () => {
  await moveTo(MONDAY_9AM);
  const room = id('Single Study Room 410');
  assert.equal((await book({ facility: room, date: '2030-01-09', start: '15:00' })).status, 303);
  const inside = lastBooking();
  await staff.get('/staff/facilities');
  const added = await staff.post('/staff/facilities/blackouts', {
    facility: String(room),
    from_date: '2030-01-09',
    from_time: '12:00',
    to_date: '2030-01-09',
    to_time: '18:00',
    reason: 'Carpet cleaning',
  });
  assert.equal(added.status, 303);
  assert.match((await staff.shown(added)).text, /Blackout added; 1 booking inside it was cancelled/);
  assert.equal(statusOf(inside), 'cancelled');
  await smtp.waitFor((m) => m.subject.startsWith('Booking cancelled') && /Carpet cleaning/.test(m.text));
  const refused = await book({ facility: room, date: '2030-01-09', start: '16:00' });
  assert.equal(refused.status, 422);
  assert.match(
    refused.text,
    /The facility is closed until 9 January 2030 at 6:00 pm \(Carpet cleaning\)|The facility is closed until .*Carpet cleaning/,
  );
});

test('staff edit a facility: its name, capacity and patron types; a patron of another type is then refused', async () => {
  const room = id('Group Study Room 302');
  const edit = await staff.get(`/staff/facilities/${room}`);
  assert.equal(edit.status, 200);
  const hours = Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7].flatMap((d) => [
      [`opens_${d}`, '08:00'],
      [`closes_${d}`, '20:00'],
    ]),
  );
  const saved = await staff.post(`/staff/facilities/${room}`, {
    name: 'Seminar Room 302',
    kind: 'group_room',
    location: '3/F',
    capacity_min: '2',
    capacity_max: '10',
    slot_minutes: '60',
    patron_types: ['postgraduate'],
    ...hours,
  });
  assert.equal(saved.status, 303);
  const facility = portal.portal.repos.facilities.find(room)!;
  assert.deepEqual(
    [facility.name, facility.capacityMin, facility.capacityMax, facility.patronTypes],
    ['Seminar Room 302', 2, 10, ['postgraduate']],
  );
  const refused = await book({ facility: room, date: '2030-01-09', start: '09:00', members: '21000002' });
  assert.match(refused.text, /not open to your patron type/);
  const bad = await staff.post(`/staff/facilities/${room}`, {
    name: '',
    kind: 'sofa',
    location: '',
    capacity_min: '3',
    capacity_max: '2',
    slot_minutes: '45',
    ...hours,
  });
  assert.equal(bad.status, 422);
});

test('a member of staff without the facilities role gets 403 at the day view and the facilities page', async () => {
  const counter = new TestBrowser(portal.url);
  const member = DEMO_STAFF.find((m) => m.username === 'counter')!;
  await counter.get('/staff/login');
  await counter.post('/staff/login', { username: member.username, password: member.password });
  assert.equal((await counter.get('/staff/bookings')).status, 403);
  assert.equal((await counter.get('/staff/facilities')).status, 403);
});
