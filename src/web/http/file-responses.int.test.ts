/**
 * Every answer that sends a stored upload (a deposit's PDF to its author, to repository staff and to
 * the public; an interlibrary loan copy to its patron) is sandboxed and never sniffed: an upload is
 * checked by its first five bytes only, so a file that is a PDF to us may still be read as something
 * else by a browser, and must then run no script with the portal's origin.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoStaffIn, registeredPatronIn, startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const db = () => portal.portal.db;

/** The directives of the Content-Security-Policy header, each as its name and values. */
function directives(header: string | null): string[] {
  return (header ?? '').split(/\s*;\s*/).filter((d) => d !== '');
}

function assertSandboxed(answer: { status: number; headers: Headers; bytes: Buffer }, what: string): void {
  assert.equal(answer.status, 200, what);
  assert.ok(answer.bytes.subarray(0, 5).equals(Buffer.from('%PDF-')), `${what}: the file is sent`);
  assert.ok(directives(answer.headers.get('content-security-policy')).includes('sandbox'), `${what}: CSP sandbox`);
  assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  // A download: Chrome shows nothing of a PDF in a sandboxed page, so none is sent to be shown in one.
  assert.match(answer.headers.get('content-disposition') ?? '', /^attachment; /, `${what}: a download`);
}

test("a deposit's PDF is sent sandboxed and unsniffed to its author, to repository staff, and to the public once published", async () => {
  // A draft with its file, of a new postgraduate.
  const author = await registeredPatronIn(portal, {
    barcode: '23900001',
    name: 'Sandbox Author',
    email: 'sandbox@example.edu',
    type: 'postgraduate',
    landing: '/myrecord/deposits',
  });
  const made = await author.post('/myrecord/deposits', {});
  assert.equal(made.status, 303);
  const id = Number(/(\d+)$/.exec(made.headers.get('location')!)![1]);
  await author.get(`/myrecord/deposits/${id}`);
  assert.equal(
    (
      await author.upload(`/myrecord/deposits/${id}/file`, [
        { name: 'file', filename: 'p.pdf', type: 'application/pdf', data: minimalPdf('x') },
      ])
    ).status,
    303,
  );
  assertSandboxed(await author.getBytes(`/myrecord/deposits/${id}/file`), "the author's own file");

  const desk = await demoStaffIn(portal, 'repository');
  assertSandboxed(await desk.getBytes(`/staff/deposits/${id}/file`), 'the file for review');

  const published = prepare(db(), "SELECT id FROM deposits WHERE title = 'Reading Rooms of Hong Kong, 1950–1980'").pluck().get() as number;
  assertSandboxed(await new TestBrowser(portal.url).getBytes(`/repository/${published}/file`), 'the published file');
});

test('an interlibrary loan copy is sent sandboxed and unsniffed', async () => {
  const wong = new TestBrowser(portal.url);
  await wong.logIn('21000004', 'K7M2P9');
  await wong.get('/myrecord/ill/new?kind=article');
  assert.equal(
    (
      await wong.post('/myrecord/ill/new?kind=article', {
        source_title: 'Sandbox Journal',
        article_title: 'Headers',
        year: '2020',
        pages: '1-9',
        copyright_declaration: 'yes',
      })
    ).status,
    303,
  );
  const id = prepare(db(), 'SELECT MAX(id) FROM ill_requests').pluck().get() as number;
  const desk = await demoStaffIn(portal, 'ill');
  await desk.get('/staff/ill');
  assert.equal((await desk.post(`/staff/ill/${id}/status`, { status: 'sent', lender: 'A Library' })).status, 303);
  await desk.get('/staff/ill');
  assert.equal(
    (await desk.upload(`/staff/ill/${id}/copy`, [{ name: 'file', filename: 'c.pdf', type: 'application/pdf', data: minimalPdf('c') }]))
      .status,
    303,
  );
  await wong.get('/myrecord/ill');
  assertSandboxed(await wong.postBytes(`/myrecord/ill/${id}/copy`), 'the copy');
});
