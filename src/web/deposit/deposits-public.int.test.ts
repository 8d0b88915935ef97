/**
 * The research archive's public pages: 404 unless published, readable without login with the
 * citation and Google Scholar tags, the embargoed file closed until its day, the list paged.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { depositJourneys } from '../../test-support/deposit-journeys.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let close: () => Promise<void>;
before(async () => {
  ({ portal, close } = await startPortalWithMail({ UPLOAD_MAX_MB: '1' }));
});
after(() => close());

const { db, submitted } = depositJourneys(() => portal, 23300001);

describe('the public pages', () => {
  test('drafts, submitted and under-review deposits and their files are 404 to a visitor', async () => {
    const d = await submitted();
    const visitor = new TestBrowser(portal.url);
    for (const path of [`/repository/${d.id}`, `/repository/${d.id}/file`, '/repository/99999999', '/repository/abc'])
      assert.equal((await visitor.get(path)).status, 404, path);
    const draftId = prepare(db(), "SELECT id FROM deposits WHERE status = 'draft' LIMIT 1").pluck().get() as number;
    assert.equal((await visitor.get(`/repository/${draftId}`)).status, 404);
  });

  test('a published deposit: readable without login, citation, Scholar tags in order; the embargoed one gives the date and no file (403)', async () => {
    const visitor = new TestBrowser(portal.url);
    const list = await visitor.get('/repository');
    assert.equal(list.status, 200);
    const open = prepare(db(), "SELECT id FROM deposits WHERE title = 'Reading Rooms of Hong Kong, 1950–1980'").pluck().get() as number;
    const closed = prepare(db(), "SELECT id FROM deposits WHERE title = 'Tram Timetables as Urban History'").pluck().get() as number;
    assert.ok(list.text.indexOf(`/repository/${closed}"`) < list.text.indexOf(`/repository/${open}"`), 'newest first');
    const page = await visitor.get(`/repository/${open}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<meta name="citation_title" content="Reading Rooms of Hong Kong, 1950–1980">/);
    assert.deepEqual(
      [...page.text.matchAll(/<meta name="citation_author" content="([^"]+)">/g)].map((m) => m[1]),
      ['Wong Siu Ling', 'Chan Tai Man'],
    );
    assert.match(page.text, /<meta name="citation_publication_date" content="2024">/);
    assert.match(page.text, /<meta name="citation_doi" content="10.1000\/182">/);
    assert.match(
      page.text,
      new RegExp(
        `<meta name="citation_pdf_url" content="${portal.portal.app.locals.publicUrl ?? 'http://localhost:3000'}/repository/${open}/file">`,
      ),
    );
    assert.match(
      page.text,
      /Wong Siu Ling; Chan Tai Man \(2024\)\. Reading Rooms of Hong Kong, 1950–1980\. Journal of Library History\. https:\/\/doi\.org\/10\.1000\/182/,
    );
    const file = await visitor.getBytes(`/repository/${open}/file`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.match(file.headers.get('content-disposition')!, /^attachment; filename="deposit-\d+\.pdf"$/);

    const embargoed = await visitor.get(`/repository/${closed}`);
    assert.equal(embargoed.status, 200);
    assert.match(embargoed.text, /Full text available from/);
    assert.doesNotMatch(embargoed.text, /citation_pdf_url/);
    assert.doesNotMatch(embargoed.text, new RegExp(`href="/repository/${closed}/file"`));
    assert.equal((await visitor.getBytes(`/repository/${closed}/file`)).status, 403);
    portal.clock.advance(366 * 86_400_000);
    try {
      assert.match((await visitor.get(`/repository/${closed}`)).text, /citation_pdf_url/);
      assert.equal((await visitor.getBytes(`/repository/${closed}/file`)).status, 200);
    } finally {
      portal.clock.advance(-366 * 86_400_000);
    }
  });

  test('the public list is paged; the language switch works without login', async () => {
    const visitor = new TestBrowser(portal.url, { 'accept-language': 'zh-HK' });
    const list = await visitor.get('/repository?page=999');
    assert.equal(list.status, 200);
    assert.match(list.text, /<html lang="zh-Hant-HK">|<html lang="zh-HK">/);
    assert.match(list.text, /研究典藏/);
  });
});
