/**
 * Every page of iBooking, in each language throughout (see language-pages-ill.int.test.ts): the
 * patron's bookings, the day view, the form with every refusal, "just taken", the notices; the
 * member's invitations with every answer and its notice, and the mails they send; the
 * staff day view, the facilities page with its errors; and the mail each step sends.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../domain/shared/locale.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { momentOf } from '../../domain/booking/booking-time.js';
import { startLanguageTour, type LanguageTour } from '../../test-support/language-tour.js';
import { prepare } from '../../test-support/raw-sql.js';

for (const locale of LOCALES) {
  describe(`iBooking, in ${locale}`, () => {
    let tour: LanguageTour;
    before(async () => {
      tour = await startLanguageTour(locale);
      // A Monday at 09:00 in Hong Kong: every demo facility is open on the days after it.
      tour.portal.clock.set(momentOf('2030-01-07', 9 * 60));
    });
    after(() => tour.close());
    afterEach(() => tour.expectEveryPageInLanguage());

    const facility = (name: string) => tour.portal.portal.repos.facilities.idByName(name)!;
    const date = () => addDays(libraryDateOf(tour.portal.clock.now()), 1);

    test('the patron: bookings, the day view, the form, every refusal, just taken, the notices and the mails', async () => {
      const b = await tour.patron('21000004', 'K7M2P9');
      const room = facility('Group Study Room 301');
      tour.expectPage(await b.get('/myrecord/bookings'), 'GET /myrecord/bookings, none yet');
      tour.expectPage(await b.get('/myrecord/bookings/day'), 'GET the day view');
      tour.expectPage(await b.get('/myrecord/bookings/day?date=2001-01-01'), 'GET the day view of a date out of range', 422, [
        '2001-01-01',
      ]);
      tour.expectPage(
        await b.get(`/myrecord/bookings/new?facility=${room}&date=${date()}&start=10:00`),
        'GET the booking form of a group room',
      );
      const post = (fields: Record<string, string>) =>
        b.post('/myrecord/bookings', { facility: String(room), date: date(), start: '10:00', slots: '1', members: '', ...fields });
      tour.expectPage(await post({ members: '29999999 21000004 21000002 21000002' }), 'POST with every member problem', 422, [
        '29999999',
        '21000004',
        '21000002',
      ]);
      tour.expectPage(await post({ start: '07:00', slots: '9' }), 'POST outside the hours, over the limits', 422);
      tour.expectPage(await post({ slots: 'x', members: 'a<b' }), 'POST a form that cannot be read', 422, ['a<b']);
      tour.expectPage(
        await tour.follow(b, await post({ slots: '2', members: '21000002 21000003' })),
        'GET /myrecord/bookings after booking, with its notice',
      );
      await tour.smtp.waitFor((m) => m.to.includes('siu-ling.wong@example.edu') && m.attachments.length === 1);
      tour.expectMail(tour.smtp.received.at(-1)!, 'the confirmation');
      // Someone else holds 13:00 already (as if a moment ago): the rules pass, the slot's key refuses.
      const { bookings } = tour.portal.portal.repos;
      const other = tour.portal.portal.patrons.findByBarcode('21000001')!;
      const at = momentOf(date(), 13 * 60);
      bookings.claimSlots(
        room,
        bookings.insert({ patronId: other.id, facilityId: room, date: date(), startsAt: at, endsAt: at + 3_600_000, slots: 1 }, at),
        [at],
      );
      tour.expectPage(await post({ start: '13:00', members: '21000002 21000003' }), 'POST a slot just taken', 409);
      tour.expectPage(await b.get(`/myrecord/bookings/day?date=${date()}`), 'GET the day view with slots of his');
      tour.expectPage(await b.get('/myrecord'), 'GET /myrecord, with the iBooking summary');
      const id = prepare(
        tour.portal.portal.db,
        "SELECT MAX(b.id) FROM bookings b JOIN patrons p ON p.id = b.patron_id WHERE p.barcode = '21000004'",
      )
        .pluck()
        .get() as number;
      tour.expectPage(await tour.follow(b, await b.post(`/myrecord/bookings/${id}/cancel`, {})), 'GET /myrecord/bookings after cancelling');
      tour.expectPage(
        await tour.follow(b, await b.post(`/myrecord/bookings/${id}/cancel`, {})),
        'GET /myrecord/bookings after cancelling again',
      );
      tour.expectPage(await b.get('/myrecord/bookings/99999999.ics'), 'GET the .ics of no booking', 404);
    });

    test('the member: the "Invitations" section, accepting, accepting twice or while busy, leaving, declining, and the mails', async () => {
      const { bookings } = tour.portal.portal.repos;
      const { patrons } = tour.portal.portal;
      const me = patrons.findByBarcode('21000004')!;
      const maria = patrons.findByBarcode('21000002')!;
      const li = patrons.findByBarcode('21000003')!;
      for (const p of [maria, li]) patrons.setLanguage(p.id, locale);
      /** A group booking by Maria Santos at `hour` with Siu Ling invited and Li Wei accepted, as if made a moment ago. */
      const invitation = (name: string, hour: number) => {
        const room = facility(name);
        const at = momentOf(date(), hour * 60);
        const id = bookings.insert(
          { patronId: maria.id, facilityId: room, date: date(), startsAt: at, endsAt: at + 3_600_000, slots: 1 },
          at,
        );
        bookings.addMembers(id, [li.id], 'accepted');
        bookings.addMembers(id, [me.id], 'invited');
        bookings.claimSlots(room, id, [at]);
        return id;
      };
      const joined = invitation('Group Study Room 302', 15);
      const refused = invitation('Group Study Room 302', 16);
      const b = await tour.patron('21000004', 'K7M2P9');
      const page = await b.get('/myrecord/bookings');
      assert.match(page.text, /id="invitations-title"/);
      tour.expectPage(page, 'GET /myrecord/bookings with two invitations');
      tour.expectPage(await tour.follow(b, await b.post(`/myrecord/bookings/${joined}/accept`, {})), 'after accepting');
      tour.expectPage(await tour.follow(b, await b.post(`/myrecord/bookings/${joined}/accept`, {})), 'after accepting twice');
      tour.expectPage(await tour.follow(b, await b.post(`/myrecord/bookings/${refused}/decline`, {})), 'after declining');
      // Leaving leaves Maria and Li: 2 of the room's 3, so the booking is cancelled and both are mailed.
      tour.expectPage(await tour.follow(b, await b.post(`/myrecord/bookings/${joined}/decline`, {})), 'after leaving');
      tour.expectMail(
        await tour.smtp.waitFor((m) => m.to.includes('maria.santos@example.edu') && m.subject.includes('Group Study Room 302')),
        'the cancellation for too few people',
      );
      tour.expectPage(await tour.follow(b, await b.post(`/myrecord/bookings/${joined}/accept`, {})), 'accepting a cancelled booking');
      // Busy: he holds a computer at 17:00 and is invited to a room then.
      const pc = facility('Computer PC-4A');
      const at = momentOf(date(), 17 * 60);
      bookings.claimSlots(
        pc,
        bookings.insert({ patronId: me.id, facilityId: pc, date: date(), startsAt: at, endsAt: at + 1_800_000, slots: 1 }, at),
        [at],
      );
      const busy = invitation('Group Study Room 302', 17);
      await b.get('/myrecord/bookings');
      tour.expectPage(await tour.follow(b, await b.post(`/myrecord/bookings/${busy}/accept`, {})), 'accepting while busy');
      // The invitation mail, in the member's language.
      const room = facility('Group Study Room 401');
      await b.get(`/myrecord/bookings/new?facility=${room}&date=${date()}&start=19:00`);
      const made = await b.post('/myrecord/bookings', {
        facility: String(room),
        date: date(),
        start: '19:00',
        slots: '1',
        members: '21000002',
      });
      assert.equal(made.status, 303);
      tour.expectMail(
        await tour.smtp.waitFor((m) => m.to.includes('maria.santos@example.edu') && m.subject.includes('Group Study Room 401')),
        'the invitation',
      );
    });

    test('staff: the day view, check-in, cancel with and without a reason, facilities and blackouts, and the mails', async () => {
      const b = await tour.staff('admin');
      const pc = facility('Computer PC-3B');
      const patron = await tour.patron('21000004', 'K7M2P9');
      await patron.get(`/myrecord/bookings/new?facility=${pc}&date=${date()}&start=12:00`);
      assert.equal(
        (await patron.post('/myrecord/bookings', { facility: String(pc), date: date(), start: '12:00', slots: '1', members: '' })).status,
        303,
      );
      const id = prepare(tour.portal.portal.db, 'SELECT MAX(id) FROM bookings').pluck().get() as number;
      tour.expectPage(await b.get(`/staff/bookings?date=${date()}`), 'GET /staff/bookings');
      tour.expectPage(await tour.follow(b, await b.post(`/staff/bookings/${id}/check-in`, {})), 'check-in too early, its notice');
      tour.expectPage(await b.post(`/staff/bookings/${id}/cancel`, { reason: '' }), 'cancel without a reason', 422);
      tour.expectPage(
        await tour.follow(b, await b.post(`/staff/bookings/${id}/cancel`, { reason: 'Tour reason' })),
        'cancelled, its notice',
        200,
        ['Tour reason'],
      );
      tour.expectMail(await tour.smtp.waitFor((m) => /Tour reason/.test(m.text)), 'the cancellation');
      tour.expectPage(await b.get('/staff/facilities'), 'GET /staff/facilities');
      tour.expectPage(await b.get(`/staff/facilities/${pc}`), "GET a facility's form");
      tour.expectPage(
        await b.post(`/staff/facilities/${pc}`, {
          name: '',
          kind: 'x',
          capacity_min: '0',
          capacity_max: 'x',
          slot_minutes: '45',
          opens_1: '9',
          closes_1: '',
        }),
        'POST a facility with every problem',
        422,
        ['9'],
      );
      tour.expectPage(
        await b.post('/staff/facilities/blackouts', { facility: '', from_date: 'x', to_date: '', reason: '' }),
        'POST a blackout with problems',
        422,
      );
      tour.expectPage(
        await tour.follow(
          b,
          await b.post('/staff/facilities/blackouts', {
            facility: String(pc),
            from_date: date(),
            from_time: '',
            to_date: date(),
            to_time: '',
            reason: 'Tour blackout',
          }),
        ),
        'a blackout added',
        200,
        ['Tour blackout'],
      );
    });
  });
}
