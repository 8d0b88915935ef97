/**
 * iBooking over HTTP as a patron uses it, on a fake clock set to Monday 7 January 2030, 09:00 in
 * Hong Kong: a group room booked with two members invited and its confirmation (.ics attached),
 * every rule's refusal in words, the .ics download, cancelling, and the home's line.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { bookingStatus, bookThroughForm, facilityId, lastBookingId, type BookingAsked } from '../../test-support/booking-requests.js';
import { momentOf } from '../../domain/booking/booking-time.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let close: () => Promise<void>;
let patron: TestBrowser;
const MONDAY_9AM = momentOf('2030-01-07', 9 * 60);
const TUESDAY = '2030-01-08';
const id = (name: string) => facilityId(portal, name);
const statusOf = (bookingId: number) => bookingStatus(portal, bookingId);
const lastBooking = () => lastBookingId(portal);
const book = (fields: BookingAsked) => bookThroughForm(patron, fields, TUESDAY);

before(async () => {
  ({ portal, smtp, close } = await startPortalWithMail());
  portal.clock.set(MONDAY_9AM);
  patron = new TestBrowser(portal.url);
  assert.equal((await patron.logIn('21000004', 'K7M2P9')).status, 303);
});
after(() => close());

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
