/**
 * Kiosk links over HTTP, on a fake clock set to Monday 7 January 2030, 09:00 in Hong Kong. A
 * facility's check-in screen stands in a public place, so it is no staff session: facilities staff
 * make a link to it (shown once, stored as a hash, a new one retiring the old), and the screen shows
 * the day's times and states with bookers by initials only, no barcode, no name and nothing that
 * leads into /staff, with or without a staff session in the browser. A patron checks in there with
 * barcode and PIN, and the PIN passes the same attempt gate, with the same counters, as the login.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type Answer, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { momentOf } from '../../domain/booking/booking-time.js';
import { sha256Hex } from '../../lib/hash-token.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let staff: TestBrowser;
const MONDAY = '2030-01-07';
const MONDAY_9AM = momentOf(MONDAY, 9 * 60);
const id = (name: string) => portal.portal.repos.facilities.idByName(name)!;
const patronId = (barcode: string) => portal.portal.patrons.findByBarcode(barcode)!.id;
const statusOf = (bookingId: number): unknown =>
  prepare(portal.portal.db, 'SELECT status FROM bookings WHERE id = ?').pluck().get(bookingId);

/** A booking made earlier (as if on Sunday), straight into the tables: the booking rules are not what is tested here. */
function booked(
  facility: number,
  barcode: string,
  startMinutes: number,
  lengthMinutes: number,
  members: { accepted?: string[]; invited?: string[] } = {},
): number {
  const { bookings } = portal.portal.repos;
  const startsAt = momentOf(MONDAY, startMinutes);
  const bookingId = bookings.insert(
    { patronId: patronId(barcode), facilityId: facility, date: MONDAY, startsAt, endsAt: startsAt + lengthMinutes * 60_000, slots: 1 },
    MONDAY_9AM - 86_400_000,
  );
  bookings.addMembers(bookingId, (members.accepted ?? []).map(patronId), 'accepted');
  bookings.addMembers(bookingId, (members.invited ?? []).map(patronId), 'invited');
  bookings.claimSlots(facility, bookingId, [startsAt]);
  return bookingId;
}

/** Makes a kiosk link for the facility as facilities staff, and reads it off the page that shows it. */
async function makeLink(facility: number): Promise<{ answer: Answer; path: string; token: string }> {
  await staff.get(`/staff/facilities/${facility}`);
  const answer = await staff.post(`/staff/facilities/${facility}/kiosk`, {});
  const found = /\/kiosk\/([A-Za-z0-9_-]{20,})/.exec(answer.text);
  assert.ok(found, `no kiosk link on the page (${answer.status})`);
  return { answer, path: found[0], token: found[1]! };
}

let pc: number;
let room: number;
let pcBooking: number;
let roomBooking: number;
let laterBooking: number;

before(async () => {
  portal = await startTestPortal();
  portal.clock.set(MONDAY_9AM);
  staff = new TestBrowser(portal.url);
  const desk = DEMO_STAFF.find((m) => m.username === 'facilities')!;
  await staff.get('/staff/login');
  assert.equal((await staff.post('/staff/login', { username: desk.username, password: desk.password })).status, 303);
  pc = id('Computer PC-3B');
  room = id('Group Study Room 401');
  // Wong Siu Ling (21000004) at PC-3B from 09:00 (check-in open until 09:10) and again at 11:00 (not yet open).
  pcBooking = booked(pc, '21000004', 9 * 60, 30);
  laterBooking = booked(pc, '21000004', 11 * 60, 30);
  // Chan Tai Man's group room from 09:00, with Maria Santos (21000002) and Li Wei (21000003).
  roomBooking = booked(room, '21000001', 9 * 60, 60, { accepted: ['21000002'], invited: ['21000003'] });
});
after(() => portal.close());

test('facilities staff make a kiosk link on the facility page: shown once, stored only as its hash, audited without it', async () => {
  const page = await staff.get(`/staff/facilities/${pc}`);
  assert.match(page.text, /action="\/staff\/facilities\/\d+\/kiosk"/);
  assert.match(page.text, />Make a kiosk link</);
  const { answer, token } = await makeLink(pc);
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('cache-control'), 'no-store');
  const stored = prepare(portal.portal.db, 'SELECT token_hash FROM kiosk_links WHERE facility_id = ?').pluck().all(pc);
  assert.deepEqual(stored, [sha256Hex(token)]);
  const again = await staff.get(`/staff/facilities/${pc}`);
  assert.ok(!again.text.includes(token), 'the link is shown once, never again');
  const audited = prepare(portal.portal.db, "SELECT detail FROM audit_log WHERE action = 'kiosk.link-made'").pluck().all() as string[];
  assert.equal(audited.length, 1);
  assert.match(audited[0]!, /Computer PC-3B/);
  assert.ok(!audited.some((d) => d.includes(token)));
  assert.ok(!portal.logs.some((line) => line.includes(token)), 'no token in the log');
});

test('a visitor with no session opens the kiosk: the day as times and states, bookers by initials only, nothing leading into /staff', async () => {
  const { path } = await makeLink(pc);
  const sessionsBefore = Number(prepare(portal.portal.db, 'SELECT COUNT(*) FROM sessions').pluck().get());
  const visitor = new TestBrowser(portal.url);
  const kiosk = await visitor.get(path);
  assert.equal(kiosk.status, 200);
  assert.match(kiosk.text, /<h1>Check in: Computer PC-3B<\/h1>/);
  assert.match(kiosk.text, /09:00–09:30/);
  assert.match(kiosk.text, /11:00–11:30/);
  assert.match(kiosk.text, /WSL/, 'Wong Siu Ling by her initials');
  assert.match(kiosk.text, /Free/);
  for (const secret of ['21000004', 'Wong', 'Siu Ling', 'siu-ling']) assert.ok(!kiosk.text.includes(secret), `the kiosk shows ${secret}`);
  assert.doesNotMatch(kiosk.text, /(href|action)="\/staff/);
  assert.match(kiosk.text, /<label for="barcode">Barcode<\/label>/);
  assert.match(kiosk.text, /<label for="pin">PIN<\/label>/);
  assert.match(kiosk.text, /name="_csrf"/);
  assert.equal(
    Number(prepare(portal.portal.db, 'SELECT COUNT(*) FROM sessions').pluck().get()),
    sessionsBefore,
    'looking stores no session',
  );
});

test('a staff session in the browser changes nothing on the kiosk: no staff menu, no name of staff, no link into /staff', async () => {
  const { path } = await makeLink(pc);
  const kiosk = await staff.get(path);
  assert.equal(kiosk.status, 200);
  assert.doesNotMatch(kiosk.text, /(href|action)="\/staff/);
  assert.doesNotMatch(kiosk.text, /staff-nav/);
  assert.ok(!kiosk.text.includes('facilities'), 'the member of staff is not named');
  assert.ok(!kiosk.text.includes('21000004'));
});

test('the staff kiosk page is gone: 404, and the day view leads to the facility page to make a link', async () => {
  assert.equal((await staff.get(`/staff/bookings/kiosk/${pc}`)).status, 404);
  const day = await staff.get(`/staff/bookings?date=${MONDAY}`);
  assert.doesNotMatch(day.text, /\/staff\/bookings\/kiosk\//);
  assert.match(day.text, new RegExp(`href="/staff/facilities/${pc}#kiosk"`));
});

test('a new link retires the old one; an unknown or retired token is a plain 404 page', async () => {
  const old = await makeLink(pc);
  const fresh = await makeLink(pc);
  const visitor = new TestBrowser(portal.url);
  assert.equal((await visitor.get(fresh.path)).status, 200);
  const retired = await visitor.get(old.path);
  assert.equal(retired.status, 404);
  assert.doesNotMatch(retired.text, /Computer PC-3B/);
  assert.equal((await visitor.get('/kiosk/no-such-token')).status, 404);
  assert.equal((await visitor.post(`${old.path}/check-in`, { barcode: '21000004', pin: 'K7M2P9' })).status, 404);
  assert.equal(statusOf(pcBooking), 'booked', 'nothing was checked in through a retired link');
});

test('checking in at the kiosk: a wrong PIN and an unknown barcode get one message (401); the right PIN checks in her booking, named, and nothing more', async () => {
  const { path } = await makeLink(pc);
  const visitor = new TestBrowser(portal.url);
  await visitor.get(path);
  const wrong = await visitor.post(`${path}/check-in`, { barcode: '21000004', pin: 'WRONG1' });
  assert.equal(wrong.status, 401);
  assert.match(wrong.text, /role="alert"/);
  const unknown = await visitor.post(`${path}/check-in`, { barcode: '29999999', pin: 'WRONG1' });
  assert.equal(unknown.status, 401);
  const message = (a: Answer) => /<div class="alert" role="alert" id="form-alert">\s*<p>([^<]+)<\/p>/.exec(a.text)?.[1];
  assert.equal(message(unknown), message(wrong));
  assert.ok(!wrong.text.includes('WRONG1'), 'a PIN is never echoed');
  const missing = await visitor.post(`${path}/check-in`, { barcode: '', pin: '' });
  assert.equal(missing.status, 422);
  const done = await visitor.post(`${path}/check-in`, { barcode: '21000004', pin: 'K7M2P9' });
  assert.equal(done.status, 200);
  assert.match(done.text, /Checked in: Computer PC-3B, 09:00–09:30\./);
  for (const secret of ['21000004', 'Wong', 'Siu Ling']) assert.ok(!done.text.includes(secret), `the answer shows ${secret}`);
  assert.equal(statusOf(pcBooking), 'checked_in');
  assert.equal(statusOf(laterBooking), 'booked', 'only the booking whose window is open');
  const audited = prepare(
    portal.portal.db,
    "SELECT actor, detail FROM audit_log WHERE action = 'booking.checked-in' AND patron_id = ?",
  ).all(patronId('21000004')) as Array<{ actor: string; detail: string }>;
  assert.deepEqual(
    audited.map((a) => a.actor),
    ['patron'],
  );
  assert.match(audited[0]!.detail, /kiosk/);
  const again = await visitor.post(`${path}/check-in`, { barcode: '21000004', pin: 'K7M2P9' });
  assert.equal(again.status, 422);
  assert.match(again.text, /already checked in/);
});

test('a member of a group booking checks it in at the kiosk of its room; at another facility the right PIN finds nothing to check in', async () => {
  const { path } = await makeLink(room);
  // Invited but not yet accepted: not in the booking, so nothing of his to check in.
  const invited = new TestBrowser(portal.url);
  await invited.get(path);
  const notYet = await invited.post(`${path}/check-in`, { barcode: '21000003', pin: '110105' });
  assert.equal(notYet.status, 422);
  assert.match(notYet.text, /no booking here/i);
  assert.equal(statusOf(roomBooking), 'booked');
  const member = new TestBrowser(portal.url);
  await member.get(path);
  const elsewhere = await makeLink(pc);
  await member.get(elsewhere.path);
  const nothing = await member.post(`${elsewhere.path}/check-in`, { barcode: '21000002', pin: 'XY1234' });
  assert.equal(nothing.status, 422);
  assert.match(nothing.text, /no booking here/i);
  await member.get(path);
  const done = await member.post(`${path}/check-in`, { barcode: '21000002', pin: 'XY1234' });
  assert.equal(done.status, 200);
  assert.match(done.text, /Checked in: Group Study Room 401, 09:00–10:00\./);
  assert.equal(statusOf(roomBooking), 'checked_in');
});

test('too early: the right PIN is told when check-in opens, and nothing changes', async () => {
  const { path } = await makeLink(pc);
  portal.clock.set(momentOf(MONDAY, 10 * 60 + 30));
  const visitor = new TestBrowser(portal.url);
  await visitor.get(path);
  const early = await visitor.post(`${path}/check-in`, { barcode: '21000004', pin: 'K7M2P9' });
  assert.equal(early.status, 422);
  assert.match(early.text, /can be checked in from 10:55/);
  assert.equal(statusOf(laterBooking), 'booked');
  portal.clock.set(MONDAY_9AM);
});

test('the kiosk is no way around the block: its wrong PINs count with the login, five a minute, and the login then answers 429', async () => {
  const { path } = await makeLink(pc);
  const kiosk = new TestBrowser(portal.url);
  await kiosk.get(path);
  // Two wrong PINs at the login, three at the kiosk: the sixth try anywhere is refused.
  const login = new TestBrowser(portal.url);
  for (let i = 0; i < 2; i++) assert.equal((await login.logIn('21000003', 'WRONG1')).status, 401);
  for (let i = 0; i < 3; i++) assert.equal((await kiosk.post(`${path}/check-in`, { barcode: '21000003', pin: 'WRONG1' })).status, 401);
  const blocked = await kiosk.post(`${path}/check-in`, { barcode: '21000003', pin: '110105' });
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  assert.equal((await login.logIn('21000003', '110105')).status, 429, 'the login is blocked by the kiosk failures too');
  const failures = Number(
    prepare(portal.portal.db, "SELECT COUNT(*) FROM login_attempts WHERE barcode = '21000003' AND outcome = 'failure'").pluck().get(),
  );
  assert.equal(failures, 5, 'the kiosk failures are recorded by the gate, as the login failures are');
});
