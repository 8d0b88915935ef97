/**
 * Institutional Research Archive Online Submission over HTTP, for the author: who may deposit, the
 * draft saved whole or not at all, the description and its PDF sent in one form, submitting, and
 * nothing editable once submitted; another patron's deposit is not found.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEPOSIT_DESCRIBED as described, depositJourneys, pdfPart } from '../../test-support/deposit-journeys.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let close: () => Promise<void>;
before(async () => {
  ({ portal, close } = await startPortalWithMail({ UPLOAD_MAX_MB: '1' }));
});
after(() => close());

const { db, uploaded, row, patronOfType, draft, submitted } = depositJourneys(() => portal, 23000001);

describe('the author', () => {
  test('a logged-out visitor is sent to log in and comes back; the home links the service with its summary', async () => {
    const visitor = new TestBrowser(portal.url);
    const answer = await visitor.get('/myrecord/deposits');
    assert.equal(answer.status, 303);
    assert.match(answer.headers.get('location')!, /^\/login\?next=%2Fmyrecord%2Fdeposits$/);
    const { browser } = await patronOfType('postgraduate');
    const home = await browser.get('/myrecord');
    assert.match(
      home.text,
      /href="\/myrecord\/deposits">Institutional Research Archive Online Submission<\/a>\s*<span class="services__status">No deposits</,
    );
  });

  test('undergraduates and alumni are told why, see no button, and a POST makes nothing', async () => {
    for (const type of ['undergraduate', 'alumni'] as const) {
      const { browser, barcode } = await patronOfType(type);
      const list = await browser.get('/myrecord/deposits');
      assert.match(list.text, /Depositing in the research archive is for staff and postgraduate students/);
      assert.doesNotMatch(list.text, /New deposit/);
      assert.equal((await browser.post('/myrecord/deposits', {})).status, 422);
      assert.equal(
        prepare(db(), 'SELECT COUNT(*) FROM deposits d JOIN patrons p ON p.id = d.patron_id WHERE p.barcode = ?').pluck().get(barcode),
        0,
      );
    }
  });

  test('a draft is saved whole: every problem beside its field and nothing stored; corrected, 303 back to the same page', async () => {
    const { browser, id } = await draft();
    const page = await browser.get(`/myrecord/deposits/${id}`);
    assert.match(page.text, /<label for="title">Title<\/label>/);
    assert.match(page.text, /<button type="submit" class="button">Save draft<\/button>/);
    const bad = await browser.post(`/myrecord/deposits/${id}`, {
      ...described,
      authors: 'Chan | 0000-0002-1825-0098',
      doi: '11.1/x',
      year: '20x5',
      abstract: 'a'.repeat(5001),
      embargo_until: addDays(libraryDateOf(portal.clock.now()), 4 * 366),
      type: 'poem',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /role="alert"/);
    for (const words of [
      'Line 1: “0000-0002-1825-0098” is not a valid ORCID iD',
      'This is not a DOI',
      'Give the year as four digits',
      '“Abstract” can have at most 5,000 characters.',
      'An embargo can end at most 3 years ahead',
      'Choose one of the options for “Type”.',
    ])
      assert.ok(bad.text.includes(words), words);
    assert.match(bad.text, /id="authors-error"/);
    assert.equal(row(id).title, '');
    const saved = await browser.post(`/myrecord/deposits/${id}`, described);
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), `/myrecord/deposits/${id}`);
    assert.match((await browser.shown(saved)).text, /Your draft has been saved\./);
    assert.equal(row(id).doi, '10.1000/182');
    assert.deepEqual(prepare(db(), 'SELECT position, name, orcid FROM deposit_authors WHERE deposit_id = ? ORDER BY position').all(id), [
      { position: 1, name: 'Chan Tai Man', orcid: '0000-0002-1825-0097' },
      { position: 2, name: 'Maria Santos', orcid: null },
    ]);
  });

  test('a title and abstract typed, then a PDF chosen and uploaded: all three are kept; a description with problems keeps its words and the file out', async () => {
    const { browser, id } = await draft();
    const page = await browser.get(`/myrecord/deposits/${id}`);
    // The page's description and its file are one form: whichever button is pressed, both are sent.
    const form = new RegExp(
      `<form [^>]*action="/myrecord/deposits/${id}/file" enctype="multipart/form-data"[^>]*>((?:(?!</form>)[^])*)</form>`,
    ).exec(page.text);
    assert.ok(form, 'the upload form');
    for (const name of ['_csrf', 'title', 'abstract', 'file']) assert.match(form[1]!, new RegExp(`name="${name}"`), name);
    assert.ok(form[1]!.indexOf('name="abstract"') < form[1]!.indexOf('name="file"'), 'the description before the file');
    assert.match(form[1]!, />Save draft</);
    assert.match(form[1]!, />Upload</);

    // As the browser sends it: every field of the form, most of them left empty, then the file.
    const typed = (fields: Record<string, string>) => [
      ...Object.keys(described).map((name) => ({ name, value: fields[name] ?? '' })),
      pdfPart(minimalPdf('typed then uploaded')),
    ];
    const before = uploaded();
    const bad = await browser.upload(
      `/myrecord/deposits/${id}/file`,
      typed({ title: 'Ferries of Victoria Harbour', abstract: 'Crossings.', year: '20x5' }),
    );
    assert.equal(bad.status, 422);
    assert.match(bad.text, /role="alert"/);
    assert.match(bad.text, /Give the year as four digits/);
    assert.match(bad.text, /id="file-error"[^]*The PDF was not uploaded, because the description has problems/);
    assert.match(bad.text, /name="title" type="text" value="Ferries of Victoria Harbour"/);
    assert.match(bad.text, /<textarea id="abstract"[^>]*>Crossings\.<\/textarea>/);
    assert.deepEqual(uploaded(), before);
    assert.equal(row(id).title, '');

    const done = await browser.upload(
      `/myrecord/deposits/${id}/file`,
      typed({ title: 'Ferries of Victoria Harbour', abstract: 'Crossings & <tides>.' }),
    );
    assert.equal(done.status, 303);
    const shown = await browser.shown(done);
    assert.match(shown.text, /Your draft has been saved with its PDF: [\d.]+ KB/);
    assert.match(shown.text, /name="title" type="text" value="Ferries of Victoria Harbour"/);
    assert.match(shown.text, /<textarea id="abstract"[^>]*>Crossings &amp; &lt;tides&gt;\.<\/textarea>/);
    assert.equal(row(id).title, 'Ferries of Victoria Harbour');
    assert.equal(row(id).abstract, 'Crossings & <tides>.');
    assert.ok(uploaded().includes(row(id).file_name as string));

    // "Save draft" with no file chosen saves the description and keeps the file there is.
    const file = row(id).file_name;
    const saved = await browser.upload(`/myrecord/deposits/${id}/file`, [
      ...Object.keys(described).map((name) => ({ name, value: name === 'title' ? 'Ferries, revised' : '' })),
      { name: 'file', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
    ]);
    assert.equal(saved.status, 303);
    assert.match((await browser.shown(saved)).text, /Your draft has been saved\./);
    assert.equal(row(id).title, 'Ferries, revised');
    assert.equal(row(id).file_name, file);
  });

  test('submitting needs the required fields, the file and the agreement: 422 with each, nothing changes', async () => {
    const { browser, id } = await draft();
    const empty = await browser.post(`/myrecord/deposits/${id}/submit`, {});
    assert.equal(empty.status, 422);
    for (const words of [
      'Fill in “Title”.',
      'Fill in “Authors”.',
      'Fill in “Abstract”.',
      'Upload the PDF before you submit.',
      'Tick the box to accept the deposit agreement.',
    ])
      assert.ok(empty.text.includes(words), words);
    assert.equal(row(id).status, 'draft');
    await browser.post(`/myrecord/deposits/${id}`, described);
    await browser.get(`/myrecord/deposits/${id}`);
    await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('x'))]);
    await browser.get(`/myrecord/deposits/${id}`);
    const noTick = await browser.post(`/myrecord/deposits/${id}/submit`, {});
    assert.equal(noTick.status, 422);
    assert.doesNotMatch(noTick.text, /Upload the PDF before you submit/);
    const done = await browser.post(`/myrecord/deposits/${id}/submit`, { agreement: 'yes' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/myrecord/deposits');
    assert.match((await browser.shown(done)).text, /“Night Markets of Kowloon” has been submitted for review/);
    assert.equal(row(id).status, 'submitted');
    assert.ok(row(id).agreed_at);
  });

  test('nothing is editable while submitted or under review: save, upload and submit are 409 and change nothing', async () => {
    const { browser, id } = await submitted();
    const page = await browser.get(`/myrecord/deposits/${id}`);
    assert.match(page.text, /cannot be changed until it is decided/);
    assert.doesNotMatch(page.text, /name="title"/);
    assert.equal((await browser.post(`/myrecord/deposits/${id}`, { ...described, title: 'Changed' })).status, 409);
    const before = uploaded();
    assert.equal((await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('late'))])).status, 409);
    assert.deepEqual(uploaded(), before);
    assert.equal(row(id).title, 'Night Markets of Kowloon');
  });

  test("another patron's deposit, an unknown id and a malformed id are 404, for every route", async () => {
    const owner = await draft();
    const other = await patronOfType('staff');
    for (const path of [
      `/myrecord/deposits/${owner.id}`,
      '/myrecord/deposits/99999999',
      '/myrecord/deposits/abc',
      `/myrecord/deposits/${owner.id}/file`,
    ])
      assert.equal((await other.browser.get(path)).status, 404, path);
    assert.equal((await other.browser.post(`/myrecord/deposits/${owner.id}`, described)).status, 404);
    assert.equal((await other.browser.post(`/myrecord/deposits/${owner.id}/submit`, { agreement: 'yes' })).status, 404);
    const before = uploaded();
    assert.equal((await other.browser.upload(`/myrecord/deposits/${owner.id}/file`, [pdfPart(minimalPdf('not yours'))])).status, 404);
    assert.deepEqual(uploaded(), before);
    assert.equal(row(owner.id).file_name, null);
  });
});
