/**
 * iBooking over HTTP, as a patron and facilities staff use it, on a fake clock set to Monday
 * 7 January 2030, 09:00 in Hong Kong: a group room booked with two members invited and its confirmation
 * (.ics attached), every rule's refusal in words, the .ics download, cancelling, the home's line,
 * staff check-in and cancelling with a reason, no-shows released at housekeeping and the
 * suspension they bring, and a blackout that refuses bookings and cancels those inside it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
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
const id = (name: string) => portal.portal.repos.facilities.idByName(name)!;
const statusOf = (bookingId: number): unknown =>
  prepare(portal.portal.db, 'SELECT status FROM bookings WHERE id = ?').pluck().get(bookingId);
const lastBooking = () => prepare(portal.portal.db, 'SELECT MAX(id) FROM bookings').pluck().get() as number;

/** Moves the fake clock, and logs both in again: a jump of hours ends the sessions as idleness would. */
async function moveTo(ms: number): Promise<void> {
  portal.clock.set(ms);
  patron = new TestBrowser(portal.url);
  assert.equal((await patron.logIn('21000004', 'K7M2P9')).status, 303);
  staff = new TestBrowser(portal.url);
  const desk = DEMO_STAFF.find((m) => m.username === 'facilities')!;
  await staff.get('/staff/login');
  assert.equal((await staff.post('/staff/login', { username: desk.username, password: desk.password })).status, 303);
}

before(async () => {
  ({ portal, smtp, close } = await startPortalWithMail());
  await moveTo(MONDAY_9AM);
});
after(() => close());

async function book(fields: { facility: number; date?: string; start: string; slots?: string; members?: string }) {
  const date = fields.date ?? TUESDAY;
  await patron.get(`/myrecord/bookings/new?facility=${fields.facility}&date=${date}&start=${fields.start}`);
  return patron.post('/myrecord/bookings', {
    facility: String(fields.facility),
    date,
    start: fields.start,
    slots: fields.slots ?? '1',
    members: fields.members ?? '',
  });
}

test('a group room booked with two members: 303, shown as yours, mailed with an .ics that imports at 10:00 Hong Kong time', async () => {
  const room = id('Group Study Room 401');
  const form = await patron.get(`/myrecord/bookings/new?facility=${room}&date=${TUESDAY}&start=10:00`);
  assert.match(form.text, /You have 4 of 4 slots left that day\./);
  assert.match(form.text, /<label for="members">Other members&#39; barcodes<\/label>/);
  const answer = await book({ facility: room, start: '10:00', slots: '2', members: '21000002, 21000003' });
  assert.equal(answer.status, 303);
  const list = await patron.shown(answer);
  assert.match(list.text, /Booked: Group Study Room 401/);
  // Invited, not yet accepted: the booker sees only the ends of their barcodes.
  const card = list.text.slice(list.text.indexOf(`id="booking-${lastBooking()}"`)).split('</section>')[0]!;
  assert.match(card, /…0002 \(invited\) and …0003 \(invited\)/);
  assert.doesNotMatch(card, /Maria Santos|Li Wei/);
  const day = await patron.get(`/myrecord/bookings/day?date=${TUESDAY}`);
  const section = day.text.slice(day.text.indexOf(`id="facility-${room}"`));
  assert.match(
    section,
    /<li class="slot slot--yours">\s*<span class="slot__time">10:00–11:00<\/span> <span class="slot__state">Yours<\/span>/,
  );
  assert.match(section, /11:00–12:00<\/span> <span class="slot__state">Yours/);
  const mail = await smtp.waitFor((m) => m.subject.startsWith('Booked: Group Study Room 401'));
  assert.match(mail.text, /Other members: …0002 and …0003/);
  const ics = mail.attachments.find((a) => a.filename.endsWith('.ics'))!;
  assert.equal(ics.contentType, 'text/calendar');
  assert.match(ics.content, /DTSTART:20300108T020000Z/, '10:00 in Hong Kong is 02:00 UTC');
  assert.match(ics.content, /DTEND:20300108T040000Z/);
});

test('the .ics download: text/calendar, its times in UTC that read 10:00–12:00 in Hong Kong; another patron gets 404', async () => {
  const bookingId = lastBooking();
  const file = await patron.get(`/myrecord/bookings/${bookingId}.ics`);
  assert.equal(file.status, 200);
  assert.match(file.headers.get('content-type') ?? '', /^text\/calendar/);
  const start = /DTSTART:(\d{8}T\d{6}Z)/.exec(file.text)![1]!;
  const asDate = new Date(
    `${start.slice(0, 4)}-${start.slice(4, 6)}-${start.slice(6, 8)}T${start.slice(9, 11)}:${start.slice(11, 13)}:00Z`,
  );
  assert.equal(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Hong_Kong', hour: '2-digit', minute: '2-digit', weekday: 'long' }).format(asDate),
    'Tuesday 10:00',
  );
  const other = new TestBrowser(portal.url);
  prepare(
    portal.portal.db,
    "UPDATE patrons SET chosen_pin_hash = (SELECT chosen_pin_hash FROM patrons WHERE barcode = '21000004') WHERE barcode = '21000001'",
  ).run();
  assert.equal((await other.logIn('21000001', 'K7M2P9')).status, 303);
  assert.equal((await other.get(`/myrecord/bookings/${bookingId}.ics`)).status, 404);
  assert.equal((await other.get(`/myrecord/bookings/${bookingId}/cancel`)).status, 404, 'nor may he see the confirm page of it');
  assert.equal((await other.post(`/myrecord/bookings/${bookingId}/cancel`, {})).status, 404);
});

test('each refusal is a 422 naming its rule and what is still possible; nothing is stored', async () => {
  const before = lastBooking();
  const room = id('Group Study Room 301');
  const few = await book({ facility: room, start: '16:00', members: '21000002' });
  assert.equal(few.status, 422);
  assert.match(few.text, /This room needs at least 3 people, you included: give 2 other members&#39; barcodes\./);
  const busy = await book({ facility: id('Single Study Room 410'), start: '11:00' });
  assert.equal(busy.status, 422);
  assert.match(busy.text, /You already have Group Study Room 401 from 10:00 to 12:00: one facility at a time\./);
  const unknown = await book({ facility: room, start: '16:00', members: '29999999 21000004' });
  assert.match(unknown.text, /29999999 cannot be invited: check the barcode, or invite someone else\./);
  assert.match(unknown.text, /21000004 cannot be invited: check the barcode, or invite someone else\./);
  const closed = await book({ facility: room, start: '07:00' });
  assert.match(closed.text, /Bookings here run from 08:00 to 22:00 in slots of 60 minutes/);
  assert.equal(lastBooking(), before);
});

test('4 slots a day: after 2 + 2 the next is refused with "0 left that day"; cancelling frees the slots at once', async () => {
  const pc = id('Computer PC-3B');
  assert.equal((await book({ facility: pc, start: '18:00', slots: '2' })).status, 303);
  const over = await book({ facility: pc, start: '19:00', slots: '1' });
  assert.equal(over.status, 422);
  assert.match(over.text, /You may book 4 slots a day: you have 0 left that day\./);
  const bookingId = lastBooking();
  // The list's Cancel leads to a page that asks; showing it cancels nothing, its button's POST does.
  const list = await patron.get('/myrecord/bookings');
  assert.match(list.text, new RegExp(`<a class="button button--secondary" href="/myrecord/bookings/${bookingId}/cancel"`));
  const ask = await patron.get(`/myrecord/bookings/${bookingId}/cancel`);
  assert.equal(ask.status, 200);
  assert.match(ask.text, /<h1>Cancel your booking of Computer PC-3B, 8 January 2030, 18:00–19:00\?<\/h1>/);
  assert.match(ask.text, new RegExp(`<form method="post" action="/myrecord/bookings/${bookingId}/cancel"`));
  assert.equal(statusOf(bookingId), 'booked');
  const cancelled = await patron.shown(await patron.post(`/myrecord/bookings/${bookingId}/cancel`, {}));
  assert.match(cancelled.text, /Cancelled: Computer PC-3B/);
  assert.match(cancelled.text, /Cancelled by you/);
  // Cancelled: no calendar file offered, and its address says why instead of sending one.
  assert.doesNotMatch(cancelled.text, new RegExp(`/myrecord/bookings/${bookingId}\\.ics`));
  const ics = await patron.get(`/myrecord/bookings/${bookingId}.ics`);
  assert.equal(ics.status, 410);
  assert.doesNotMatch(ics.headers.get('content-type') ?? '', /calendar/);
  assert.match(ics.text, /This booking was cancelled: it will not take place, so there is nothing to add to your calendar\./);
  const again = await patron.get(`/myrecord/bookings/${bookingId}/cancel`);
  assert.equal(again.status, 409, 'a cancelled booking cannot be cancelled again');
  assert.doesNotMatch(again.text, /<form method="post" action="\/myrecord\/bookings\/\d+\/cancel"/);
  assert.equal((await book({ facility: pc, start: '18:00', slots: '1' })).status, 303, 'the freed slot is bookable again');
});

test('the home names the next booking', async () => {
  const home = await patron.get('/myrecord');
  assert.match(
    home.text,
    /href="\/myrecord\/bookings">iBooking<\/a>\s*<span class="services__status">Room booked on 8 January 2030 10:00–12:00<\/span>/,
  );
});

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
