/**
 * Every page of Interlibrary Loan Request, in each language throughout (see
 * language-pages-patron.int.test.ts): the patron's list, both forms with their errors and the
 * catalogue's suggestions, the notices, the page of a copy that is gone; the staff queue with its
 * errors and notices; and the mail each change sends.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../domain/shared/locale.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { startLanguageTour, type LanguageTour } from '../../test-support/language-tour.js';
import { prepare } from '../../test-support/raw-sql.js';

for (const locale of LOCALES) {
  describe(`Interlibrary Loan Request, in ${locale}`, () => {
    let tour: LanguageTour;
    before(async () => {
      tour = await startLanguageTour(locale);
    });
    after(() => tour.close());
    afterEach(() => tour.expectEveryPageInLanguage());

    const db = () => tour.portal.portal.db;
    const future = () => addDays(libraryDateOf(tour.portal.clock.now()), 30);
    const article = {
      source_title: 'Tour Journal',
      article_title: 'Tour Article',
      year: '2020',
      pages: '5-9',
      copyright_declaration: 'yes',
    };
    const typed = ['Tour Journal', 'Tour Article', 'Tour Book'];

    test('the patron: the list with every kind of step, both forms, every error, the suggestions of the catalogue, the notices, a copy that is gone', async () => {
      const b = await tour.patron('21000004', 'K7M2P9');
      tour.expectPage(await b.get('/myrecord'), 'GET /myrecord, with the interlibrary loan summary');
      tour.expectPage(await b.get('/myrecord/ill'), 'GET /myrecord/ill');
      tour.expectPage(await b.get('/myrecord/ill/new?kind=book'), 'GET /myrecord/ill/new?kind=book');
      tour.expectPage(await b.get('/myrecord/ill/new?kind=article'), 'GET /myrecord/ill/new?kind=article');
      tour.expectPage(
        await b.post('/myrecord/ill/new?kind=book', {
          title: '',
          isbn: '123',
          year: '20x0',
          not_needed_after: '2001-01-01',
          note: 'n'.repeat(1001),
        }),
        'POST book, every problem',
        422,
        ['123', '20x0', '2001-01-01', 'n'.repeat(1001)],
      );
      tour.expectPage(
        await b.post('/myrecord/ill/new?kind=article', { pages: 'p', issn_doi: 'x', not_needed_after: 'soon' }),
        'POST article, every problem',
        422,
        ['soon'],
      );
      tour.expectPage(await b.post('/myrecord/ill/new?kind=book', { title: ['a', 'b'] }), 'POST book, a field twice', 422);
      const onShelf = prepare(db(), "SELECT r.isbn FROM records r JOIN copies c ON c.record_id = r.id WHERE c.status = 'available' LIMIT 1")
        .pluck()
        .get() as string;
      tour.expectPage(
        await b.post('/myrecord/ill/new?kind=book', { title: 'Tour Book', isbn: onShelf, not_needed_after: future() }),
        'POST book, on the shelf here',
        422,
        [...typed, onShelf],
      );
      const out = prepare(db(), "SELECT isbn FROM records WHERE title = 'Crime and Punishment'").pluck().get() as string;
      tour.expectPage(
        await b.post('/myrecord/ill/new?kind=book', { title: 'Tour Book', isbn: out, not_needed_after: future() }),
        'POST book, every copy on loan',
        422,
        [...typed, out],
      );
      tour.expectPage(
        await tour.follow(b, await b.post('/myrecord/ill/new?kind=article', article)),
        'GET /myrecord/ill after a request, with its notice',
      );
      const id = prepare(db(), 'SELECT MAX(id) FROM ill_requests').pluck().get() as number;
      tour.expectPage(
        await tour.follow(b, await b.post(`/myrecord/ill/${id}/cancel`, {})),
        'GET /myrecord/ill after cancelling, with its notice',
      );
      tour.expectPage(await tour.follow(b, await b.post(`/myrecord/ill/${id}/cancel`, {})), 'GET /myrecord/ill after cancelling again');
      tour.expectPage(await b.post('/myrecord/ill/99999999/copy', {}), 'POST a copy that does not exist', 404);
      const delivered = prepare(
        db(),
        "SELECT r.id FROM ill_requests r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = '21000004' AND r.status = 'delivered'",
      )
        .pluck()
        .get() as number;
      prepare(db(), 'UPDATE ill_requests SET downloads = 5 WHERE id = ?').run(delivered);
      tour.expectPage(await b.post(`/myrecord/ill/${delivered}/copy`, {}), 'POST a copy downloaded 5 times', 410);
      tour.expectPage(await b.get('/myrecord/ill'), 'GET /myrecord/ill with a copy used up');
    });

    test('an undergraduate and an alumnus: what each may not ask for, in words', async () => {
      const b = await tour.patron('21000004', 'K7M2P9');
      prepare(db(), "UPDATE patrons SET patron_type = 'undergraduate' WHERE barcode = '21000004'").run();
      try {
        tour.expectPage(await b.get('/myrecord/ill'), 'GET /myrecord/ill, an undergraduate');
        tour.expectPage(await b.get('/myrecord/ill/new?kind=book'), 'GET the book form, an undergraduate');
        tour.expectPage(
          await b.post('/myrecord/ill/new?kind=book', { title: 'Tour Book', not_needed_after: future() }),
          'POST a book, an undergraduate',
          422,
          typed,
        );
        prepare(db(), "UPDATE patrons SET patron_type = 'alumni' WHERE barcode = '21000004'").run();
        tour.expectPage(await b.get('/myrecord/ill'), 'GET /myrecord/ill, an alumnus');
        tour.expectPage(await b.get('/myrecord/ill/new?kind=article'), 'GET the article form, an alumnus');
        tour.expectPage(await b.post('/myrecord/ill/new?kind=article', article), 'POST an article, an alumnus', 422, typed);
      } finally {
        prepare(db(), "UPDATE patrons SET patron_type = 'staff' WHERE barcode = '21000004'").run();
      }
    });

    test('staff: the queue, its errors and notices, the upload refused and done; the mail of each change', async () => {
      const patron = await tour.patron('21000004', 'K7M2P9');
      await patron.get('/myrecord/ill/new?kind=article');
      // The patron's mail is written in the language of the patron's record: the one chosen with the switch.
      assert.equal((await patron.post('/myrecord/ill/new?kind=article', article)).status, 303);
      const id = prepare(db(), 'SELECT MAX(id) FROM ill_requests').pluck().get() as number;
      const desk = await tour.staff('admin');
      tour.expectPage(await desk.get('/staff/ill'), 'GET /staff/ill');
      tour.expectPage(await desk.get('/staff/ill?status=delivered'), 'GET /staff/ill?status=delivered');
      tour.expectPage(await desk.post(`/staff/ill/${id}/status`, { status: 'sent', lender: '' }), 'POST status, no lender', 422);
      tour.expectPage(await desk.post(`/staff/ill/${id}/status`, { status: 'returned' }), 'POST status, not next', 422);
      tour.expectPage(
        await desk.upload(`/staff/ill/${id}/copy`, [{ name: 'file', filename: 'a.pdf', type: 'application/pdf', data: minimalPdf('a') }]),
        'POST copy, not sent yet',
        409,
      );
      await desk.get('/staff/ill');
      tour.expectPage(
        await tour.follow(desk, await desk.post(`/staff/ill/${id}/status`, { status: 'sent', lender: 'Tour Lender' })),
        'GET /staff/ill after sending, with its notice',
        200,
        ['Tour Lender'],
      );
      tour.expectMail(
        await tour.smtp.waitFor((m) => m.text.includes('Tour Lender') && m.text.includes('Tour Article')),
        'the mail: sent to a lender',
      );
      tour.expectPage(
        await desk.upload(`/staff/ill/${id}/copy`, [
          { name: 'file', filename: 'a.pdf', type: 'application/pdf', data: Buffer.from('not a pdf') },
        ]),
        'POST copy, not a PDF',
        422,
        ['Tour Lender'],
      );
      await desk.get('/staff/ill');
      tour.expectPage(
        await desk.upload(`/staff/ill/${id}/copy`, [
          { name: 'file', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
        ]),
        'POST copy, no file',
        422,
        ['Tour Lender'],
      );
      await desk.get('/staff/ill');
      tour.expectPage(
        await tour.follow(
          desk,
          await desk.upload(`/staff/ill/${id}/copy`, [
            { name: 'file', filename: 'a.pdf', type: 'application/pdf', data: minimalPdf('tour') },
          ]),
        ),
        'GET /staff/ill after the upload, with its notice',
        200,
        ['Tour Lender'],
      );
      tour.expectMail(
        await tour.smtp.waitFor((m) => m.text.includes('Tour Article') && !m.text.includes('Tour Lender')),
        'the mail: the copy delivered',
      );
      tour.expectPage(await patron.get('/myrecord/ill'), 'GET /myrecord/ill with the new copy', 200, ['Tour Lender']);
      const book = prepare(db(), "SELECT r.id FROM ill_requests r WHERE r.kind = 'book' AND r.status = 'sent' LIMIT 1")
        .pluck()
        .get() as number;
      tour.expectPage(
        await desk.post(`/staff/ill/${book}/status`, { status: 'received', due_date: '2001-01-01' }),
        'POST status, due date past',
        422,
      );
      tour.expectPage(
        await tour.follow(desk, await desk.post(`/staff/ill/${book}/status`, { status: 'unfilled', reason: 'Tour reason' })),
        'GET /staff/ill after unfilled',
        200,
        ['Tour reason'],
      );
    });
  });
}
