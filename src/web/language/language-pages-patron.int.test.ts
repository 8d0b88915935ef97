/**
 * Every page a patron sees, in each language, throughout (see language-pages-visitor.int.test.ts):
 * on the default PIN, then on a PIN of their own — home, circulation record, renewal, catalogue,
 * a request and its notice — with the errors of each form, and the mail these send.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../domain/shared/locale.js';
import { startLanguageTour, type LanguageTour } from '../../test-support/language-tour.js';
import { prepare } from '../../test-support/raw-sql.js';

for (const locale of LOCALES) {
  describe(`a patron, in ${locale}`, () => {
    let tour: LanguageTour;
    before(async () => {
      tour = await startLanguageTour(locale);
    });
    after(() => tour.close());
    afterEach(() => tour.expectEveryPageInLanguage());

    const recordIdOf = (title: string) =>
      prepare(tour.portal.portal.db, 'SELECT id FROM records WHERE title = ?').pluck().get(title) as number;

    test('on the default PIN: Modify your PIN, its errors, then the home with its notice; the mail saying the PIN was changed', async () => {
      const b = await tour.patron('21000001', 'Z12345');
      tour.expectPage(await b.get('/pin/modify'), 'GET /pin/modify, on the default PIN');
      tour.expectPage(await b.post('/pin/modify', { current_pin: '', new_pin: '', confirm_pin: '' }), 'POST /pin/modify, empty', 422);
      tour.expectPage(
        await b.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'abcabc', confirm_pin: 'abcabc' }),
        'POST /pin/modify, trivial',
        422,
      );
      tour.expectPage(
        await b.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'r8t2y6u4', confirm_pin: 'r8t2y6u5' }),
        'POST /pin/modify, mismatch',
        422,
      );
      tour.expectPage(
        await b.post('/pin/modify', { current_pin: 'WRONG1', new_pin: 'r8t2y6u4', confirm_pin: 'r8t2y6u4' }),
        'POST /pin/modify, wrong current PIN',
        401,
      );
      const done = await b.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'r8t2y6u4', confirm_pin: 'r8t2y6u4' });
      tour.expectPage(await tour.follow(b, done), 'GET /myrecord after the change, with its notice');
      tour.expectMail(await tour.smtp.waitFor((m) => m.to.includes('tai-man.chan@example.edu')), 'the PIN-changed mail');
    });

    test('on a PIN of their own: home, circulation record, Modify your PIN, and a record that does not exist', async () => {
      const b = await tour.patron('21000004', 'K7M2P9');
      tour.expectPage(await b.get('/myrecord'), 'GET /myrecord');
      tour.expectPage(await b.get('/myrecord/circulation'), 'GET /myrecord/circulation');
      tour.expectPage(await b.get('/pin/modify'), 'GET /pin/modify, on a chosen PIN');
      tour.expectPage(await b.get('/catalogue/99999999'), 'GET /catalogue/:id, no such record', 404);
    });

    test('Book Renewal: the form, renew all with its results, and nothing chosen', async () => {
      const b = await tour.patron('21000004', 'K7M2P9');
      tour.expectPage(await b.get('/myrecord/renew'), 'GET /myrecord/renew');
      const loans = [...(await b.get('/myrecord/renew')).text.matchAll(/name="loan" value="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(loans.length > 0);
      tour.expectPage(
        await tour.follow(b, await b.post('/myrecord/renew', { loan: loans, all: 'yes' })),
        'GET /myrecord/renew after renewing all, with the results',
      );
      tour.expectPage(await b.post('/myrecord/renew', { loan: loans }), 'POST /myrecord/renew, none chosen', 422);
    });

    test('Book Request: search, results, none found, a record on the shelf, a record on loan, the request and its notice, a refusal, the cancelled request', async () => {
      const b = await tour.patron('21000004', 'K7M2P9');
      tour.expectPage(await b.get('/catalogue'), 'GET /catalogue');
      tour.expectPage(await b.get('/catalogue?q=austen'), 'GET /catalogue?q=austen', 200, ['austen']);
      tour.expectPage(await b.get('/catalogue?q=poetry&page=2'), 'GET /catalogue?q=poetry, page 2 of several', 200, ['poetry']);
      tour.expectPage(await b.get('/catalogue?q=zzyzx'), 'GET /catalogue?q=zzyzx, nothing found', 200, ['zzyzx']);
      tour.expectPage(await b.get(`/catalogue/${recordIdOf('Emma')}`), 'GET /catalogue/:id, on the shelf');
      const dracula = recordIdOf('Dracula');
      const record = await b.get(`/catalogue/${dracula}`);
      tour.expectPage(record, 'GET /catalogue/:id, on loan');
      const pickup = /<option value="(\d+)"/.exec(record.text)?.[1];
      assert.ok(pickup, 'a pickup location to choose');
      const requested = await b.post(`/catalogue/${dracula}/request`, { pickup });
      tour.expectPage(await tour.follow(b, requested), 'GET /catalogue/:id after the request, with its notice');
      tour.expectPage(await b.post(`/catalogue/${dracula}/request`, { pickup }), 'POST /catalogue/:id/request, requested already', 422);

      const circulation = await b.get('/myrecord/circulation');
      tour.expectPage(circulation, 'GET /myrecord/circulation, with the new request');
      const cancel = /href="(\/myrecord\/requests\/\d+\/cancel)"/.exec(circulation.text)?.[1];
      assert.ok(cancel, 'a request to cancel');
      tour.expectPage(await b.get(cancel), 'GET /myrecord/requests/:id/cancel, asking to confirm');
      tour.expectPage(await tour.follow(b, await b.post(cancel, {})), 'GET /myrecord/circulation after cancelling, with its notice');
    });

    test('logging out, and the login page that says so', async () => {
      const b = await tour.patron('21000004', 'K7M2P9');
      await b.get('/myrecord');
      tour.expectPage(await tour.follow(b, await b.post('/logout', {})), 'GET /login after logging out');
    });
  });
}
