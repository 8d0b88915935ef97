/**
 * Every page a visitor who is not logged in can reach, in each language, says everything in it:
 * no English word on a 繁體中文 page (outside data and a short allow-list), no Chinese on an
 * English one, and <html lang> to match. Errors included: 403, 404, 410, 422, 429.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../domain/shared/locale.js';
import { startLanguageTour, type LanguageTour } from '../../test-support/language-tour.js';

for (const locale of LOCALES) {
  describe(`logged out, in ${locale}`, () => {
    let tour: LanguageTour;
    before(async () => {
      tour = await startLanguageTour(locale);
    });
    after(() => tour.close());
    afterEach(() => tour.expectEveryPageInLanguage());

    test('the login page, and its answers to an empty form, a wrong PIN and a form without its token', async () => {
      const b = tour.visitor();
      tour.expectPage(await b.get('/login'), 'GET /login');
      tour.expectPage(await b.post('/login', { barcode: '', pin: '' }), 'POST /login, empty', 422);
      tour.expectPage(await b.post('/login', { barcode: '21000004', pin: 'WRONG1' }), 'POST /login, wrong PIN', 401);
      tour.expectPage(await b.post('/login', { barcode: 'not a barcode!', pin: '123456789' }), 'POST /login, malformed', 422);
      tour.expectPage(await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' }, { csrf: null }), 'POST /login, no CSRF token', 403);
    });

    test('a barcode blocked after five wrong PINs', async () => {
      const b = tour.visitor();
      await b.get('/login');
      for (let attempt = 1; attempt <= 5; attempt++)
        assert.equal((await b.post('/login', { barcode: '21000002', pin: `WRONG${attempt}` })).status, 401);
      tour.expectPage(await b.post('/login', { barcode: '21000002', pin: 'XY1234' }), 'POST /login, blocked', 429);
    });

    test('forgot PIN: the form, its errors, the answer, the limit; the link by mail, the page it opens, and the same link once used', async () => {
      const b = tour.visitor();
      tour.expectPage(await b.get('/pin/forgot'), 'GET /pin/forgot');
      tour.expectPage(await b.post('/pin/forgot', { barcode: '' }), 'POST /pin/forgot, empty', 422);
      tour.expectPage(await b.post('/pin/forgot', { barcode: '21000003' }), 'POST /pin/forgot');

      const mail = await tour.smtp.waitFor((m) => m.to.includes('wei.li@example.edu'));
      tour.expectMail(mail, 'the reset link, asked for in this language');
      const link = /\/pin\/reset\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
      assert.ok(link, mail.text);
      tour.expectPage(await b.get(link), 'GET /pin/reset/:token');
      const reset = await b.post(link, {});
      tour.expectPage(await tour.follow(b, reset), 'GET /login after the reset, with its notice');
      tour.expectPage(await b.get(link), 'GET /pin/reset/:token, used', 410);
      tour.expectPage(await b.get('/pin/reset/no-such-token'), 'GET /pin/reset/:token, unknown', 410);

      // Three requests an hour for one barcode from one address (RESET_REQUESTS_PER_BARCODE_ADDRESS_HOUR).
      for (let request = 1; request <= 3; request++) assert.equal((await b.post('/pin/forgot', { barcode: '21000001' })).status, 200);
      tour.expectPage(await b.post('/pin/forgot', { barcode: '21000001' }), 'POST /pin/forgot, over the limit', 429);
    });

    test('the staff login page, and its answers to an empty form and a wrong password', async () => {
      const b = tour.visitor();
      tour.expectPage(await b.get('/staff/login'), 'GET /staff/login');
      tour.expectPage(await b.post('/staff/login', { username: '', password: '' }), 'POST /staff/login, empty', 422);
      tour.expectPage(
        await b.post('/staff/login', { username: 'counter', password: 'not the password' }),
        'POST /staff/login, wrong password',
        401,
      );
    });

    test('a page that does not exist, a form far too large, and the language switch sent something it cannot read', async () => {
      const b = tour.visitor();
      tour.expectPage(await b.get('/no-such-page'), 'GET /no-such-page', 404);
      await b.get('/login');
      tour.expectPage(await b.post('/login', { barcode: 'x'.repeat(70_000), pin: '' }), 'POST /login, over the body limit', 413);
      tour.expectPage(await b.post('/language', { lang: 'tlh', next: '/login' }), 'POST /language, unknown language', 422);
    });
  });
}
