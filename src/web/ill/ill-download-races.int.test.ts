/** Downloads of one copy fired at once end with exactly as many served as allowed (at most 5: docs/rules.md §8). */
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

/** A new article request of Wong Siu Ling's, sent and delivered through the pages. */
async function deliveredCopy(): Promise<{ id: number; fileName: string; pdf: Buffer }> {
  const posted = await wong.post('/myrecord/ill/new?kind=article', {
    source_title: 'Race Journal',
    article_title: `Copy ${Math.random()}`,
    year: '2020',
    pages: '1-9',
    copyright_declaration: 'yes',
  });
  assert.equal(posted.status, 303);
  const id = prepare(db(), 'SELECT MAX(id) FROM ill_requests').pluck().get() as number;
  const desk = await sendToLender(portal, id, 'A Library');
  const pdf = minimalPdf(`race ${id}`, { paddingBytes: 200_000 });
  return { id, fileName: await deliverCopy(portal, desk, id, pdf, 'race.pdf'), pdf };
}

test('two downloads racing for the fifth: exactly one is served, the other is 410, and the file is deleted', async () => {
  const { id, fileName, pdf } = await deliveredCopy();
  await wong.get('/myrecord/ill');
  prepare(db(), 'UPDATE ill_requests SET downloads = 4 WHERE id = ?').run(id);
  const answers = await Promise.all([wong.postBytes(`/myrecord/ill/${id}/copy`), wong.postBytes(`/myrecord/ill/${id}/copy`)]);
  assert.deepEqual(answers.map((a) => a.status).sort(), [200, 410]);
  assert.deepEqual(answers.find((a) => a.status === 200)!.bytes, pdf);
  assert.equal(prepare(db(), 'SELECT downloads FROM ill_requests WHERE id = ?').pluck().get(id), 5);
  assert.ok(!readdirSync(portal.portal.uploads.dir).includes(fileName));
});

test('twenty downloads of a new copy fired at once: exactly five served whole, fifteen 410', async () => {
  const { id, fileName, pdf } = await deliveredCopy();
  await wong.get('/myrecord/ill');
  const answers = await Promise.all(Array.from({ length: 20 }, () => wong.postBytes(`/myrecord/ill/${id}/copy`)));
  const served = answers.filter((a) => a.status === 200);
  assert.equal(served.length, 5);
  assert.ok(
    served.every((a) => a.bytes.equals(pdf)),
    'every download served is the whole file',
  );
  assert.equal(answers.filter((a) => a.status === 410).length, 15);
  assert.equal(prepare(db(), 'SELECT downloads FROM ill_requests WHERE id = ?').pluck().get(id), 5);
  assert.ok(!readdirSync(portal.portal.uploads.dir).includes(fileName));
});
