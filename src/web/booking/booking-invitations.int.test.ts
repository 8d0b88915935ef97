/**
 * Group-room members are invited, never conscripted, over HTTP on a fake clock set to Monday
 * 7 January 2030, 09:00 in Hong Kong. A barcode typed by the booker reveals nothing about its
 * holder: his name only once he accepts, one and the same refusal whatever keeps a barcode from
 * being invited. The member is mailed in his own language, accepts or declines (and may leave
 * after accepting), and an invitation he never accepted never stops him booking for himself.
 * A decline that leaves a booking below its room's minimum cancels it, and the booker is told.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { registeredPatronIn, startPortalWithMail, TestBrowser, type Answer, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { bookingStatus, bookThroughForm, facilityId, lastBookingId, type BookingAsked } from '../../test-support/booking-requests.js';
import { momentOf } from '../../domain/booking/booking-time.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let close: () => Promise<void>;
let booker: TestBrowser;
let tse: TestBrowser;
let yip: TestBrowser;
let ho: TestBrowser;
const MONDAY_9AM = momentOf('2030-01-07', 9 * 60);
const TUESDAY = '2030-01-08';
const id = (name: string) => facilityId(portal, name);
const lastBooking = () => lastBookingId(portal);
const statusOf = (bookingId: number) => bookingStatus(portal, bookingId);

before(async () => {
  ({ portal, smtp, close } = await startPortalWithMail());
  portal.clock.set(MONDAY_9AM);
  booker = new TestBrowser(portal.url);
  assert.equal((await booker.logIn('21000004', 'K7M2P9')).status, 303);
  tse = await registeredPatronIn(portal, {
    barcode: '41300001',
    name: 'Tse Ka Ho',
    email: 'ka-ho.tse@example.edu',
    type: 'undergraduate',
    landing: '/myrecord/bookings',
  });
  yip = await registeredPatronIn(portal, {
    barcode: '41300002',
    name: 'Yip Man Kit',
    email: 'man-kit.yip@example.edu',
    type: 'undergraduate',
    landing: '/myrecord/bookings',
  });
  ho = await registeredPatronIn(portal, {
    barcode: '41300005',
    name: 'Ho Wing Sze',
    email: 'wing-sze.ho@example.edu',
    type: 'postgraduate',
    landing: '/myrecord/bookings',
  });
  // Tse reads the library in Chinese: his invitation must come in Chinese, whatever the booker reads.
  portal.portal.patrons.setLanguage(portal.portal.patrons.findByBarcode('41300001')!.id, 'zh-HK');
});
after(() => close());

const book = (who: TestBrowser, fields: BookingAsked): Promise<Answer> => bookThroughForm(who, fields, TUESDAY);

/** The member-field's errors of a refused form, as the page lists them. */
function memberErrors(text: string): string[] {
  const list = /<ul class="field__errors" id="members-error">([\s\S]*?)<\/ul>/.exec(text)?.[1] ?? '';
  return [...list.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]!);
}

test("before he accepts, the booker's page and mail show only the member barcode's last 4 characters, never his name", async () => {
  const answer = await book(booker, { facility: id('Group Study Room 401'), start: '10:00', slots: '2', members: '41300001' });
  assert.equal(answer.status, 303, memberErrors(answer.text).join(' '));
  const list = await booker.shown(answer);
  assert.doesNotMatch(list.text, /Tse Ka Ho/);
  assert.match(list.text, /…0001/);
  assert.match(list.text, /…0001 \(invited\)/);
  const mail = await smtp.waitFor(
    (m) => m.to.includes('siu-ling.wong@example.edu') && m.subject.startsWith('Booked: Group Study Room 401'),
  );
  assert.doesNotMatch(mail.text, /Tse Ka Ho/);
  assert.match(mail.text, /…0001/);
  const ics = await booker.get(`/myrecord/bookings/${lastBooking()}.ics`);
  assert.doesNotMatch(ics.text, /Tse Ka Ho/);
});

test("the member is mailed the invitation in his own language, with the booker's name and where to answer", async () => {
  const mail = await smtp.waitFor((m) => m.to.includes('ka-ho.tse@example.edu') && /Group Study Room 401/.test(m.subject));
  assert.match(mail.subject, /邀請/);
  assert.match(mail.text, /Wong Siu Ling/);
  assert.match(mail.text, /\/myrecord\/bookings/);
});

test('an invitation he never accepted does not stop the member booking for himself at that time', async () => {
  const own = await book(tse, { facility: id('Single Study Room 410'), start: '10:00' });
  assert.equal(own.status, 303, /<li>([^<]+)<\/li>/.exec(own.text)?.[1]);
});

test('every member barcode that cannot be invited gets one and the same message: unknown, expired, not allowed, busy, the booker himself', async () => {
  // 41300003 has expired; 41300004 is an alumnus, whom the room does not admit; Tse (41300001) holds a room at 10:00.
  await portal.portal.importer.importCsv(
    'barcode,name,email,passport,patron_type,expiry_date\n' +
      '41300003,Lam Expired,lam@example.edu,K41300003,undergraduate,2029-12-31\n' +
      '41300004,Ng Alumnus,ng@example.edu,K41300004,alumni,2030-12-31\n',
  );
  const room = id('Group Study Room 301');
  const messages: string[] = [];
  for (const barcode of ['29999999', '41300003', '41300004', '41300001', '21000004']) {
    const refused = await book(booker, { facility: room, start: '10:00', members: `${barcode} 41300002` });
    assert.equal(refused.status, 422);
    const errors = memberErrors(refused.text).filter((e) => e.includes(barcode));
    assert.equal(errors.length, 1, `${barcode}: ${memberErrors(refused.text).join(' | ')}`);
    messages.push(errors[0]!.replace(barcode, 'BARCODE'));
  }
  assert.equal(new Set(messages).size, 1, messages.join('\n'));
  assert.match(messages[0]!, /BARCODE cannot be invited/);
});

/** The first booking (Group Study Room 401, Tuesday 10:00–12:00) the booker made with Tse invited. */
const roomA = () =>
  prepare(
    portal.portal.db,
    "SELECT MIN(b.id) FROM bookings b JOIN facilities f ON f.id = b.facility_id WHERE f.name = 'Group Study Room 401'",
  )
    .pluck()
    .get() as number;

test('the member sees the invitation under "Invitations"; accepting while he holds another facility then is refused; once free he accepts and the booker sees his name', async () => {
  const page = await tse.get('/myrecord/bookings');
  assert.match(page.text, /<h2 id="invitations-title">/);
  assert.match(page.text, new RegExp(`action="/myrecord/bookings/${roomA()}/accept"`));
  assert.match(page.text, new RegExp(`action="/myrecord/bookings/${roomA()}/decline"`));
  assert.match(page.text, /Wong Siu Ling/, 'the booker, who invited him, is named');
  const busy = await tse.shown(await tse.post(`/myrecord/bookings/${roomA()}/accept`, {}));
  assert.match(busy.text, /You already have Single Study Room 410 from 10:00 to 11:00: one facility at a time/);
  assert.doesNotMatch((await booker.get('/myrecord/bookings')).text, /Tse Ka Ho/);
  const own = prepare(
    portal.portal.db,
    "SELECT MAX(b.id) FROM bookings b JOIN patrons p ON p.id = b.patron_id WHERE p.barcode = '41300001'",
  )
    .pluck()
    .get() as number;
  assert.equal((await tse.post(`/myrecord/bookings/${own}/cancel`, {})).status, 303);
  await tse.get('/myrecord/bookings');
  const accepted = await tse.post(`/myrecord/bookings/${roomA()}/accept`, {});
  assert.equal(accepted.status, 303);
  assert.equal(accepted.headers.get('location'), '/myrecord/bookings');
  const mine = await tse.shown(accepted);
  assert.match(mine.text, /You joined the booking of Group Study Room 401/);
  assert.doesNotMatch(mine.text, /id="invitations-title"/, 'nothing left to answer');
  assert.match(mine.text, /Leave booking/);
  // His card of someone else's booking: who booked it, a history that is the booker's, and what he can do.
  const card = mine.text.slice(mine.text.indexOf(`id="booking-${roomA()}"`)).split('</section>')[0]!;
  assert.match(card, /<dt>Booked by<\/dt><dd>Wong Siu Ling<\/dd>/);
  assert.match(card, /Booked by Wong Siu Ling/);
  assert.doesNotMatch(card, /by you/);
  assert.doesNotMatch(card, /21000004/, "never the booker's barcode");
  assert.match(card, /Wong Siu Ling booked it, and only they can cancel it\. You can leave it\./);
  assert.doesNotMatch(card, /Cancel booking/);
  assert.equal((await tse.get(`/myrecord/bookings/${roomA()}.ics`)).status, 200, 'his booking now: its calendar file is his');
  assert.match((await booker.get('/myrecord/bookings')).text, /Tse Ka Ho \(accepted\)/);
  const again = await tse.shown(await tse.post(`/myrecord/bookings/${roomA()}/accept`, {}));
  assert.match(again.text, /You have already accepted the invitation/);
});

test('once he has accepted, the member is held to one facility at a time; staff see every member with his state', async () => {
  const clash = await book(tse, { facility: id('Single Study Room 410'), start: '11:00' });
  assert.equal(clash.status, 422);
  // Someone else's booking: he can only leave it, and the refusal says so rather than "cancel" (no such button is his).
  assert.match(
    clash.text,
    /You are a member of the booking of Group Study Room 401 from 10:00 to 12:00: one facility at a time\. Choose another time, or leave that booking first in My bookings\./,
  );
  assert.doesNotMatch(clash.text, /cancel that booking/);
  const staff = new TestBrowser(portal.url);
  await staff.get('/staff/login');
  assert.equal((await staff.post('/staff/login', { username: 'facilities', password: 'demo-facilities-password' })).status, 303);
  const day = await staff.get(`/staff/bookings?date=${TUESDAY}`);
  assert.match(day.text, /Tse Ka Ho \(41300001\) \(accepted\)/);
});

test('declines that leave the minimum met let the booking stand; the one that leaves too few before the start cancels it, frees its slots and mails the booker and the members who accepted', async () => {
  const room = id('Group Study Room 302');
  const made = await book(booker, { facility: room, date: '2030-01-09', start: '14:00', members: '41300001 41300002 41300005' });
  assert.equal(made.status, 303, memberErrors(made.text).join(' '));
  const b = lastBooking();
  await tse.get('/myrecord/bookings');
  assert.equal((await tse.post(`/myrecord/bookings/${b}/accept`, {})).status, 303);
  await yip.get('/myrecord/bookings');
  const declined = await yip.shown(await yip.post(`/myrecord/bookings/${b}/decline`, {}));
  assert.match(declined.text, /You declined the invitation to Group Study Room 302/);
  assert.equal(statusOf(b), 'booked', 'the booker, Tse and Ho (still invited) are 3: the minimum');
  const list = await booker.get('/myrecord/bookings');
  assert.match(list.text, /…0002 \(declined\)/);
  assert.match(list.text, /…0005 \(invited\)/);
  await ho.get('/myrecord/bookings');
  assert.equal((await ho.post(`/myrecord/bookings/${b}/decline`, {})).status, 303);
  assert.equal(statusOf(b), 'cancelled');
  assert.equal(prepare(portal.portal.db, 'SELECT COUNT(*) FROM booked_slots WHERE booking_id = ?').pluck().get(b), 0);
  const mail = await smtp.waitFor(
    (m) => m.to.includes('siu-ling.wong@example.edu') && /^Booking cancelled: Group Study Room 302/.test(m.subject),
  );
  assert.match(mail.text, /members declined, and fewer people were left than the room needs/);
  const tseMail = await smtp.waitFor(
    (m) => m.to.includes('ka-ho.tse@example.edu') && /Group Study Room 302/.test(m.subject) && /取消/.test(m.subject),
  );
  assert.match(tseMail.text, /剩下的人數少於房間所需/);
  assert.match(
    (await booker.get('/myrecord/bookings')).text,
    /Cancelled: members declined, and fewer people were left than the room needs/,
  );
});

test('leaving after accepting takes him out; a booking left below its minimum before the start is cancelled', async () => {
  await tse.get('/myrecord/bookings');
  const left = await tse.shown(await tse.post(`/myrecord/bookings/${roomA()}/decline`, {}));
  assert.match(left.text, /You left the booking of Group Study Room 401/);
  assert.equal(statusOf(roomA()), 'cancelled', 'a room for 2 to 4 with the booker alone');
  assert.equal((await tse.get(`/myrecord/bookings/${roomA()}.ics`)).status, 404);
  const late = await tse.shown(await tse.post(`/myrecord/bookings/${roomA()}/accept`, {}));
  assert.match(late.text, /is over or cancelled, or you declined it/);
});

test('answers: 403 without the CSRF token, 404 for a booking he is not invited to or none at all, never a 5xx', async () => {
  await yip.get('/myrecord/bookings');
  assert.equal((await yip.post(`/myrecord/bookings/${roomA()}/accept`, {}, { csrf: null })).status, 403);
  assert.equal((await yip.post(`/myrecord/bookings/${roomA()}/accept`, {})).status, 404);
  assert.equal((await yip.post('/myrecord/bookings/99999999/decline', {})).status, 404);
  assert.equal((await yip.post('/myrecord/bookings/x1/accept', {})).status, 404);
  assert.equal((await new TestBrowser(portal.url).post(`/myrecord/bookings/${roomA()}/accept`, {}, { csrf: null })).status, 403);
});
