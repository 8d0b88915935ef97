/**
 * A facility's kiosk in each language throughout (see language-pages-booking.int.test.ts): the
 * facility page with its "Make a kiosk link" and the link shown once; the public kiosk with the
 * day and its check-in answers (empty, wrong PIN, too early, checked in, blocked); the language
 * switch on it, which comes back to the kiosk; and the 404 of a retired link.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES, LOCALE_INFO } from '../../domain/shared/locale.js';
import { momentOf } from '../../domain/booking/booking-time.js';
import { startLanguageTour, type LanguageTour } from '../../test-support/language-tour.js';

const MONDAY = '2030-01-07';

for (const locale of LOCALES) {
  describe(`the kiosk, in ${locale}`, () => {
    let tour: LanguageTour;
    before(async () => {
      tour = await startLanguageTour(locale);
      tour.portal.clock.set(momentOf(MONDAY, 9 * 60));
    });
    after(() => tour.close());
    afterEach(() => tour.expectEveryPageInLanguage());

    test('staff make a link; a visitor sees the day, checks in, is refused in every way, and switches language', async () => {
      const { portal } = tour.portal;
      const pc = portal.repos.facilities.idByName('Computer PC-3B')!;
      const patron = portal.patrons.findByBarcode('21000004')!;
      const { bookings } = portal.repos;
      for (const minutes of [9 * 60, 11 * 60]) {
        const at = momentOf(MONDAY, minutes);
        const id = bookings.insert(
          { patronId: patron.id, facilityId: pc, date: MONDAY, startsAt: at, endsAt: at + 1_800_000, slots: 1 },
          at - 86_400_000,
        );
        bookings.claimSlots(pc, id, [at]);
      }

      const staff = await tour.staff('admin');
      tour.expectPage(await staff.get(`/staff/facilities/${pc}`), "GET a facility's page, with Make a kiosk link");
      const made = await staff.post(`/staff/facilities/${pc}/kiosk`, {});
      const path = /\/kiosk\/[A-Za-z0-9_-]{43}/.exec(made.text)?.[0] ?? assert.fail('no kiosk link shown');
      tour.expectPage(made, 'POST make a kiosk link: the link shown once', 200, [path]);

      const b = tour.visitor();
      tour.expectPage(await b.get(path), 'GET the kiosk');
      tour.expectPage(await b.post(`${path}/check-in`, { barcode: '', pin: '' }), 'POST check-in, empty', 422);
      tour.expectPage(await b.post(`${path}/check-in`, { barcode: '21000004', pin: 'WRONG1' }), 'POST check-in, wrong PIN', 401);
      tour.expectPage(await b.post(`${path}/check-in`, { barcode: '21000004', pin: 'K7M2P9' }), 'POST check-in, checked in');
      tour.expectPage(await b.post(`${path}/check-in`, { barcode: '21000004', pin: 'K7M2P9' }), 'POST check-in, already in', 422);
      tour.expectPage(await b.post(`${path}/check-in`, { barcode: '21000001', pin: 'Z12345' }), 'POST check-in, no booking here', 422);
      tour.portal.clock.set(momentOf(MONDAY, 10 * 60 + 30));
      tour.expectPage(await b.post(`${path}/check-in`, { barcode: '21000004', pin: 'K7M2P9' }), 'POST check-in, too early', 422);
      for (let i = 0; i < 4; i++) await b.post(`${path}/check-in`, { barcode: '21000002', pin: 'WRONG1' });
      tour.expectPage(await b.post(`${path}/check-in`, { barcode: '21000002', pin: 'WRONG1' }), 'POST check-in, fifth wrong PIN', 401);
      tour.expectPage(await b.post(`${path}/check-in`, { barcode: '21000002', pin: 'XY1234' }), 'POST check-in, blocked', 429);

      // The switch as on every public page: the other language, and back to the kiosk.
      const other = LOCALES.find((l) => l !== locale)!;
      await b.get(path);
      const switched = await b.post('/language', { lang: other, next: path });
      assert.equal(switched.status, 303);
      assert.equal(switched.headers.get('location'), path);
      const again = await b.get(path);
      assert.match(again.text, new RegExp(`<html lang="${LOCALE_INFO[other].htmlLang}">`));

      tour.portal.clock.set(momentOf(MONDAY, 9 * 60));
      const staffAgain = await tour.staff('admin');
      await staffAgain.get(`/staff/facilities/${pc}`);
      await staffAgain.post(`/staff/facilities/${pc}/kiosk`, {});
      tour.expectPage(await tour.visitor().get(path), 'GET a retired kiosk link', 404);
    });
  });
}
