/**
 * Book Recommendation in each language, throughout (see language-pages-patron.int.test.ts): the
 * patron's list, the form with its limits, its errors, a book the catalogue holds, a supporter's
 * notice, cancelling; the acquisitions queue, its errors and notices; the mail of a status change.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../domain/shared/locale.js';
import { startLanguageTour, type LanguageTour } from '../../test-support/language-tour.js';
import { prepare } from '../../test-support/raw-sql.js';

const book = (fields: Record<string, string>) => ({
  author: '',
  isbn: '',
  publisher: '',
  year: '',
  format: 'print',
  reason: 'research',
  note: '',
  ...fields,
});

for (const locale of LOCALES) {
  describe(`Book Recommendation, in ${locale}`, () => {
    let tour: LanguageTour;
    before(async () => {
      tour = await startLanguageTour(locale);
    });
    after(() => tour.close());
    afterEach(() => tour.expectEveryPageInLanguage());

    const idOf = (title: string) =>
      prepare(tour.portal.portal.db, 'SELECT id FROM recommendations WHERE title = ?').pluck().get(title) as number;

    test('the patron: his list with every status and history, the form, its errors, a held book, the notices', async () => {
      const wong = await tour.patron('21000004', 'K7M2P9');
      tour.expectPage(await wong.get('/myrecord'), 'GET /myrecord, with the recommendations summary');
      tour.expectPage(await wong.get('/myrecord/recommendations'), 'GET /myrecord/recommendations');
      tour.expectPage(await wong.get('/myrecord/recommendations/new'), 'GET /myrecord/recommendations/new');
      const typed = ['x'.repeat(201), '0-306-40615-3'];
      tour.expectPage(
        await wong.post(
          '/myrecord/recommendations/new',
          book({ title: '', author: typed[0]!, isbn: typed[1]!, year: '3000', format: '', reason: 'other' }),
        ),
        'POST new, every error',
        422,
        typed,
      );
      tour.expectPage(
        await wong.post('/myrecord/recommendations/new', book({ title: 'Emma', author: 'Jane Austen' })),
        'POST new, held by the catalogue',
        422,
        ['Emma', 'Jane Austen'],
      );
      tour.expectPage(
        await tour.follow(
          wong,
          await wong.post(
            '/myrecord/recommendations/new',
            book({ title: 'Tour Book', author: 'Lam', request_when_available: 'yes', pickup: '1' }),
          ),
        ),
        'GET list after recommending',
      );
      tour.expectPage(
        await wong.post('/myrecord/recommendations/new', book({ title: 'Tour Book', author: 'Lam' })),
        'POST new, his own already',
        422,
      );
      tour.expectPage(
        await tour.follow(wong, await wong.post(`/myrecord/recommendations/${idOf('Tour Book')}/cancel`, {})),
        'GET list after cancelling',
      );
      const accepted = idOf('Thinking, Fast and Slow');
      tour.expectPage(await wong.post(`/myrecord/recommendations/${accepted}/cancel`, {}), 'POST cancel, already accepted', 422);
      tour.expectPage(await wong.post('/myrecord/recommendations/99999999/cancel', {}), 'POST cancel, no such recommendation', 404);

      // Chan supports Wong's demo recommendation, typed his own way.
      const chan = await tour.patron('21000001', 'Z12345');
      await chan.get('/pin/modify');
      assert.equal((await chan.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'g5h8j2k4', confirm_pin: 'g5h8j2k4' })).status, 303);
      await chan.get('/myrecord/recommendations/new');
      tour.expectPage(
        await tour.follow(
          chan,
          await chan.post(
            '/myrecord/recommendations/new',
            book({ title: 'the structure of scientific revolutions', author: 'Kuhn Thomas S' }),
          ),
        ),
        'GET list after supporting',
      );
      tour.expectPage(
        await chan.post(
          '/myrecord/recommendations/new',
          book({ title: 'The Structure of Scientific Revolutions', author: 'Thomas S. Kuhn' }),
        ),
        'POST new, supporting already',
        422,
      );
      const maria = await tour.patron('21000002', 'XY1234');
      await maria.get('/pin/modify');
      assert.equal((await maria.post('/pin/modify', { current_pin: 'XY1234', new_pin: 'v6b3n9m1', confirm_pin: 'v6b3n9m1' })).status, 303);
      tour.expectPage(
        await maria.get('/myrecord/recommendations'),
        'GET the list with a rejection and its reason, an order, one supported',
      );
    });

    test('acquisitions staff: the queue, its errors, a change and its notice; the mail to the supporters', async () => {
      const desk = await tour.staff('admin');
      tour.expectPage(await desk.get('/staff/recommendations'), 'GET /staff/recommendations');
      tour.expectPage(
        await desk.get('/staff/recommendations?status=rejected&sort=supporters'),
        'GET /staff/recommendations, rejected, most supported',
      );
      const id = idOf('The Structure of Scientific Revolutions');
      tour.expectPage(
        await desk.post(`/staff/recommendations/${id}/status`, { status: 'rejected', reason: '', note: '', record_isbn: '' }),
        'POST status, no reason',
        422,
      );
      tour.expectPage(
        await desk.post(`/staff/recommendations/${id}/status`, { status: 'available', reason: '', note: '', record_isbn: '' }),
        'POST status, not allowed',
        422,
      );
      tour.expectPage(
        await desk.post('/staff/recommendations/status', { status: 'accepted', reason: '', note: '', record_isbn: '' }),
        'POST bulk, none ticked',
        422,
      );
      tour.expectPage(
        await tour.follow(
          desk,
          await desk.post(`/staff/recommendations/${id}/status`, { status: 'accepted', reason: '', note: '', record_isbn: '' }),
        ),
        'GET queue after a change',
      );
      tour.expectMail(
        await tour.smtp.waitFor(
          (m) => m.to.includes('siu-ling.wong@example.edu') && m.text.includes('The Structure of Scientific Revolutions'),
        ),
        'the status-change mail',
      );
      const bulk = await desk.post('/staff/recommendations/status', {
        id: [String(id), String(idOf('Thinking, Fast and Slow'))],
        status: 'rejected',
        reason: 'price',
        note: '',
        record_isbn: '',
      });
      tour.expectPage(await tour.follow(desk, bulk), 'GET queue after a bulk rejection');
      tour.expectMail(
        await tour.smtp.waitFor((m) => m.to.includes('siu-ling.wong@example.edu') && m.text.includes('Thinking, Fast and Slow')),
        'the rejection mail',
      );
    });
  });
}
