/**
 * Every page of the Institutional Research Archive Online Submission, in each language throughout
 * (see language-pages-patron.int.test.ts): the author's list, a deposit's page with every kind of
 * error, the uploads refused, the notices; the staff queues and review page with theirs; the public
 * list, a record's page (open and embargoed), a tombstone and a closed file, for a visitor without a
 * login; and the mail of each step.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../domain/shared/locale.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { startLanguageTour, type LanguageTour } from '../../test-support/language-tour.js';
import { prepare } from '../../test-support/raw-sql.js';

for (const locale of LOCALES) {
  describe(`Institutional Research Archive Online Submission, in ${locale}`, () => {
    let tour: LanguageTour;
    before(async () => {
      tour = await startLanguageTour(locale, { UPLOAD_MAX_MB: '1' });
    });
    after(() => tour.close());
    afterEach(() => tour.expectEveryPageInLanguage());

    const db = () => tour.portal.portal.db;
    const described = {
      title: 'Tour Paper',
      authors: 'Tour Author | 0000-0002-1825-0097',
      type: 'thesis',
      year: '2025',
      venue: 'Tour University',
      abstract: 'Tour abstract.',
      keywords: 'tour',
      version: 'accepted',
      licence: 'cc-by-nc',
      embargo_until: '',
    };
    const typed = ['Tour Paper', 'Tour Author', 'Tour University', 'Tour abstract.', 'tour', '0000-0002-1825-0097'];
    const pdf = (name: string) => ({ name: 'file', filename: `${name}.pdf`, type: 'application/pdf', data: minimalPdf(name) });

    test('the author and staff: every page, error, refusal, notice and mail', async () => {
      const b = await tour.patron('21000004', 'K7M2P9');
      tour.expectPage(await b.get('/myrecord'), 'GET /myrecord, with the deposits summary');
      tour.expectPage(await b.get('/myrecord/deposits'), 'GET /myrecord/deposits');
      const made = await b.post('/myrecord/deposits', {});
      assert.equal(made.status, 303);
      const id = Number(made.headers.get('location')!.split('/').pop());
      tour.expectPage(await b.get(`/myrecord/deposits/${id}`), 'GET a new draft, with its notice');
      tour.expectPage(
        await b.post(`/myrecord/deposits/${id}`, {
          title: 'x'.repeat(301),
          authors: 'A | 0000-0002-1825-0098\n| 0000-0002-1825-0097',
          type: 'poem',
          year: '3000',
          doi: 'x',
          abstract: 'a'.repeat(5001),
          embargo_until: '2999-01-01',
        }),
        'POST a draft, every problem',
        422,
        [
          'x'.repeat(301),
          'A | 0000-0002-1825-0098',
          '0000-0002-1825-0098',
          '| 0000-0002-1825-0097',
          'a'.repeat(5001),
          'poem',
          '3000',
          '2999-01-01',
        ],
      );
      tour.expectPage(
        await b.post(`/myrecord/deposits/${id}`, { year: '20x5', embargo_until: '2001-01-01' }),
        'POST a draft, a year and a past embargo',
        422,
        ['20x5', '2001-01-01'],
      );
      tour.expectPage(await b.post(`/myrecord/deposits/${id}/submit`, {}), 'POST submit, everything missing', 422);
      tour.expectPage(
        await b.upload(`/myrecord/deposits/${id}/file`, [
          { name: 'file', filename: 'a.pdf', type: 'application/pdf', data: Buffer.from('not a pdf') },
        ]),
        'POST a file that is not a PDF',
        422,
      );
      await b.get(`/myrecord/deposits/${id}`);
      tour.expectPage(
        await b.upload(`/myrecord/deposits/${id}/file`, [
          { name: 'file', filename: 'a.pdf', type: 'application/pdf', data: Buffer.concat([minimalPdf('big'), Buffer.alloc(1024 * 1024)]) },
        ]),
        'POST a file too large',
        413,
      );
      await b.get(`/myrecord/deposits/${id}`);
      tour.expectPage(
        await b.upload(`/myrecord/deposits/${id}/file`, [
          { name: 'file', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
        ]),
        'POST no file',
        422,
      );
      tour.expectPage(
        await tour.follow(b, await b.post(`/myrecord/deposits/${id}`, described)),
        'GET the draft after saving, with its notice',
        200,
        typed,
      );
      tour.expectPage(
        await tour.follow(b, await b.upload(`/myrecord/deposits/${id}/file`, [pdf('one')])),
        'GET the draft after the upload, with its notice',
        200,
        typed,
      );
      tour.expectPage(
        await tour.follow(b, await b.upload(`/myrecord/deposits/${id}/file`, [pdf('two')])),
        'GET the draft after a replacement, with its notice',
        200,
        typed,
      );
      tour.expectPage(
        await tour.follow(b, await b.post(`/myrecord/deposits/${id}/submit`, { agreement: 'yes' })),
        'GET /myrecord/deposits after submitting, with its notice',
        200,
        typed,
      );
      tour.expectPage(await b.get(`/myrecord/deposits/${id}`), 'GET a submitted deposit', 200, typed);
      tour.expectPage(await b.post(`/myrecord/deposits/${id}`, described), 'POST a submitted deposit', 409, typed);

      const desk = await tour.staff('admin');
      for (const queue of ['submitted', 'mine', 'under_review', 'returned', 'published', 'withdrawn'])
        tour.expectPage(await desk.get(`/staff/deposits?status=${queue}`), `GET /staff/deposits?status=${queue}`, 200, typed);
      tour.expectPage(await desk.get(`/staff/deposits/${id}`), 'GET a deposit waiting for review', 200, typed);
      tour.expectPage(
        await tour.follow(desk, await desk.post(`/staff/deposits/${id}/claim`, {})),
        'GET the deposit after claiming, with its notice',
        200,
        typed,
      );
      tour.expectMail(
        await tour.smtp.waitFor((m) => m.text.includes('Tour Paper') && /review|審閱/.test(m.subject)),
        'the mail: under review',
      );
      tour.expectPage(await desk.post(`/staff/deposits/${id}/claim`, {}), 'POST claim again', 409, typed);
      tour.expectPage(
        await desk.post(`/staff/deposits/${id}`, { ...described, title: '', doi: 'x' }),
        'POST a correction with problems',
        422,
        ['Tour Author | 0000-0002-1825-0097', ...typed],
      );
      tour.expectPage(
        await tour.follow(desk, await desk.post(`/staff/deposits/${id}`, { ...described, title: 'Tour Paper Corrected' })),
        'GET after a correction, with its notice',
        200,
        [...typed, 'Tour Paper Corrected'],
      );
      tour.expectPage(
        await desk.post(`/staff/deposits/${id}/decision`, { decision: 'return', reason: '' }),
        'POST return without a reason',
        422,
        [...typed, 'Tour Paper Corrected'],
      );
      tour.expectPage(await desk.post(`/staff/deposits/${id}/decision`, { decision: 'burn' }), 'POST an unknown decision', 422, [
        ...typed,
        'Tour Paper Corrected',
      ]);
      tour.expectPage(
        await tour.follow(desk, await desk.post(`/staff/deposits/${id}/decision`, { decision: 'return', reason: 'Tour reason' })),
        'GET the queue after returning, with its notice',
        200,
        [...typed, 'Tour Paper Corrected', 'Tour reason'],
      );
      tour.expectMail(await tour.smtp.waitFor((m) => m.text.includes('Tour reason')), 'the mail: returned');
      tour.expectPage(await b.get(`/myrecord/deposits/${id}`), 'GET a returned deposit, its reason and history', 200, [
        ...typed,
        'Tour Paper Corrected',
        'Tour reason',
      ]);
      await b.post(`/myrecord/deposits/${id}/submit`, { agreement: 'yes' });
      await desk.get('/staff/deposits');
      await desk.post(`/staff/deposits/${id}/claim`, {});
      tour.expectPage(
        await tour.follow(desk, await desk.post(`/staff/deposits/${id}/decision`, { decision: 'publish' })),
        'GET the queue after publishing',
        200,
        [...typed, 'Tour Paper Corrected'],
      );
      tour.expectMail(
        await tour.smtp.waitFor((m) => m.text.includes('Tour Paper Corrected') && m.text.includes(`/repository/${id}`)),
        'the mail: published',
      );
      tour.expectPage(await b.get('/myrecord/deposits'), 'GET /myrecord/deposits with a published deposit', 200, [
        ...typed,
        'Tour Paper Corrected',
        'Tour reason',
      ]);
      tour.expectPage(
        await tour.follow(desk, await desk.post(`/staff/deposits/${id}/decision`, { decision: 'withdraw', reason: 'Tour withdrawal' })),
        'GET the queue after withdrawing',
        200,
        [...typed, 'Tour Paper Corrected'],
      );
      tour.expectMail(await tour.smtp.waitFor((m) => m.text.includes('Tour withdrawal')), 'the mail: withdrawn');
      const visitor = tour.visitor();
      tour.expectPage(await visitor.get(`/repository/${id}`), 'GET a tombstone', 410, [
        ...typed,
        'Tour Paper Corrected',
        'Tour withdrawal',
      ]);
      tour.expectPage(await visitor.get(`/repository/${id}/file`), 'GET a withdrawn file', 410);
    });

    test('an undergraduate is told why, with no button', async () => {
      const b = await tour.patron('21000004', 'K7M2P9');
      prepare(db(), "UPDATE patrons SET patron_type = 'undergraduate' WHERE barcode = '21000004'").run();
      try {
        tour.expectPage(await b.get('/myrecord/deposits'), 'GET /myrecord/deposits, an undergraduate');
        tour.expectPage(await b.post('/myrecord/deposits', {}), 'POST a new deposit, an undergraduate', 422);
      } finally {
        prepare(db(), "UPDATE patrons SET patron_type = 'staff' WHERE barcode = '21000004'").run();
      }
    });

    test('a visitor without a login: the public list, an open record, an embargoed one and its closed file, a 404', async () => {
      const visitor = tour.visitor();
      const open = prepare(db(), "SELECT id FROM deposits WHERE title = 'Reading Rooms of Hong Kong, 1950–1980'").pluck().get() as number;
      const closed = prepare(db(), "SELECT id FROM deposits WHERE title = 'Tram Timetables as Urban History'").pluck().get() as number;
      tour.expectPage(await visitor.get('/repository'), 'GET /repository');
      tour.expectPage(await visitor.get(`/repository/${open}`), 'GET an open record');
      tour.expectPage(await visitor.get(`/repository/${closed}`), 'GET an embargoed record');
      tour.expectPage(await visitor.get(`/repository/${closed}/file`), 'GET an embargoed file', 403);
      tour.expectPage(await visitor.get('/repository/99999999'), 'GET a record that does not exist', 404);
      const chooser = await tour.chooser();
      tour.expectPage(await chooser.get(`/repository/${open}`), 'GET an open record, the language chosen with the switch');
    });
  });
}
