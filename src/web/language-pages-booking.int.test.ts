/**
 * Every page of iBooking, in each language throughout (see language-pages-ill.int.test.ts): the
 * patron's bookings, the day view, the form with every refusal, "just taken", the notices; the
 * staff day view, the facilities page with its errors; and the mail each step sends.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../domain/locale.js';
import { addDays, libraryDateOf } from '../domain/circulation/library-date.js';
import { momentOf } from '../domain/booking/booking-time.js';
import { startLanguageTour, type LanguageTour } from '../test-support/language-tour.js';
import { prepare } from '../test-support/raw-sql.js';

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
