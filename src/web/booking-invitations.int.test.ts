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
import { registeredPatronIn, startPortalWithMail, TestBrowser, type TestPortal } from '../test-support/test-portal.js';
import type { TestSmtp } from '../test-support/test-smtp.js';
import { momentOf } from '../domain/booking/booking-time.js';
import { prepare } from '../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let close: () => Promise<void>;
let booker: TestBrowser;
let tse: TestBrowser;
let yip: TestBrowser;
const MONDAY_9AM = momentOf('2030-01-07', 9 * 60);
const TUESDAY = '2030-01-08';
const id = (name: string) => portal.portal.repos.facilities.idByName(name)!;
const lastBooking = () => prepare(portal.portal.db, 'SELECT MAX(id) FROM bookings').pluck().get() as number;
const statusOf = (bookingId: number): unknown =>
  prepare(portal.portal.db, 'SELECT status FROM bookings WHERE id = ?').pluck().get(bookingId);

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
  // Tse reads the library in Chinese: his invitation must come in Chinese, whatever the booker reads.
  portal.portal.patrons.setLanguage(portal.portal.patrons.findByBarcode('41300001')!.id, 'zh-HK');
});
after(() => close());

async function book(
  who: TestBrowser,
  fields: { facility: number; date?: string; start: string; slots?: string; members?: string },
): Promise<{ status: number; text: string }> {
  const date = fields.date ?? TUESDAY;
  await who.get(`/myrecord/bookings/new?facility=${fields.facility}&date=${date}&start=${fields.start}`);
  return who.post('/myrecord/bookings', {
    facility: String(fields.facility),
    date,
    start: fields.start,
    slots: fields.slots ?? '1',
    members: fields.members ?? '',
  });
}

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
  const mail = await smtp.waitFor((m) => m.to.includes('siu-ling.wong@example.edu') && m.subject.startsWith('Booked: Group Study Room 401'));
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
    const errors = memberErrors(refused.text);
    assert.equal(errors.length, 1, `${barcode}: ${errors.join(' | ')}`);
    messages.push(errors[0]!.replace(barcode, 'BARCODE'));
  }
  assert.equal(new Set(messages).size, 1, messages.join('\n'));
  assert.match(messages[0]!, /BARCODE cannot be invited/);
});
