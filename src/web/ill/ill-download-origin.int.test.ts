/**
 * An interlibrary loan copy may be downloaded five times, then it is deleted: only the patron's own
 * download from the page may use one up. A HEAD (a link checker, a prefetch) and a GET that another
 * site's page navigates the patron to (SameSite=Lax still sends the session cookie with it) must
 * leave the count and the file as they were.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { deliverCopy, sendToLender } from '../../test-support/ill-journeys.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let wong: TestBrowser;
before(async () => {
  portal = await startTestPortal();
  wong = new TestBrowser(portal.url);
  await wong.logIn('21000004', 'K7M2P9');
  await wong.get('/myrecord/ill/new?kind=article');
});
after(() => portal.close());

const db = () => portal.portal.db;
const downloadsOf = (id: number) => prepare(db(), 'SELECT downloads FROM ill_requests WHERE id = ?').pluck().get(id) as number;
const uploaded = () => readdirSync(portal.portal.uploads.dir);

/** A new article request of Wong Siu Ling's, sent and delivered through the pages. */
async function deliveredCopy(): Promise<{ id: number; fileName: string; pdf: Buffer }> {
  await wong.get('/myrecord/ill/new?kind=article');
  const posted = await wong.post('/myrecord/ill/new?kind=article', {
    source_title: 'Origin Journal',
    article_title: `Copy ${Math.random()}`,
    year: '2020',
    pages: '1-9',
    copyright_declaration: 'yes',
  });
  assert.equal(posted.status, 303);
  const id = prepare(db(), 'SELECT MAX(id) FROM ill_requests').pluck().get() as number;
  const desk = await sendToLender(portal, id, 'A Library');
  const pdf = minimalPdf(`origin ${id}`);
  return { id, fileName: await deliverCopy(portal, desk, id, pdf, 'o.pdf'), pdf };
}

test('HEAD requests and GETs from another site use none of the five downloads, and the file stays', async () => {
  const { id, fileName } = await deliveredCopy();
  for (let i = 0; i < 5; i++) {
    const head = await wong.getBytes(`/myrecord/ill/${id}/copy`, { method: 'HEAD' });
    assert.ok(head.status < 500, `HEAD ${i}: ${head.status}`);
  }
  // What an attacker's page gets by navigating the patron's browser to the copy, again and again.
  for (let i = 0; i < 5; i++) {
    const crossSite = await wong.getBytes(`/myrecord/ill/${id}/copy`, {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
    });
    assert.ok(crossSite.status < 500, `cross-site GET ${i}: ${crossSite.status}`);
    assert.ok(!crossSite.bytes.includes(Buffer.from('%PDF-')), 'no copy is served to a navigation from another site');
  }
  assert.equal(downloadsOf(id), 0);
  assert.ok(uploaded().includes(fileName));
  assert.match((await wong.get('/myrecord/ill')).text, /You can download it 5 more times until/);
});

test("the patron's own download button sends the copy and counts one; without the page's token, or from another site, 403 and nothing counted", async () => {
  const { id, pdf } = await deliveredCopy();
  const page = await wong.get('/myrecord/ill');
  assert.match(page.text, new RegExp(`<form method="post" action="/myrecord/ill/${id}/copy"`));
  assert.equal((await wong.postBytes(`/myrecord/ill/${id}/copy`, {}, { csrf: null })).status, 403);
  assert.equal((await wong.postBytes(`/myrecord/ill/${id}/copy`, {}, { csrf: 'forged' })).status, 403);
  assert.equal((await wong.postBytes(`/myrecord/ill/${id}/copy`, {}, { headers: { 'sec-fetch-site': 'cross-site' } })).status, 403);
  assert.equal(downloadsOf(id), 0);
  const got = await wong.postBytes(`/myrecord/ill/${id}/copy`);
  assert.equal(got.status, 200);
  assert.match(got.headers.get('content-disposition')!, /^attachment; filename="interlibrary-loan-\d+\.pdf"$/);
  assert.deepEqual(got.bytes, pdf);
  assert.equal(downloadsOf(id), 1);
});

test("the copy's address opened by the patron himself (a bookmark, our own page, a script with his session) sends the copy and counts one", async () => {
  const { id, pdf } = await deliveredCopy();
  const asked: Record<string, string>[] = [
    { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' },
    { 'sec-fetch-site': 'same-origin' },
    {},
  ];
  for (const headers of asked) {
    const got = await wong.getBytes(`/myrecord/ill/${id}/copy`, { headers });
    assert.equal(got.status, 200, JSON.stringify(headers));
    assert.match(got.headers.get('content-disposition')!, /^attachment; filename="interlibrary-loan-\d+\.pdf"$/);
    assert.deepEqual(got.bytes, pdf);
  }
  assert.equal(downloadsOf(id), 3);
});

test('a prefetch, a HEAD or a navigation from another site leads to the page with the button and counts nothing', async () => {
  const { id } = await deliveredCopy();
  for (const [method, headers] of [
    ['GET', { 'sec-purpose': 'prefetch' }],
    ['GET', { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate' }],
    ['HEAD', {}],
  ] as const) {
    const answer = await wong.getBytes(`/myrecord/ill/${id}/copy`, { method, headers });
    assert.equal(answer.status, 303, `${method} ${JSON.stringify(headers)}`);
    assert.equal(answer.headers.get('location'), `/myrecord/ill#request-${id}`);
  }
  assert.equal(downloadsOf(id), 0);
});
