/**
 * Interlibrary Loan Request over HTTP, the article copy's upload by staff: the CSRF field before the
 * file, the first bytes, the size limit, a client gone mid-way, a request not yet sent, and the
 * copy delivered with its size and SHA-256.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { multipartBody, type TestPortal } from '../../test-support/test-portal.js';
import { ILL_ARTICLE as article, illHelpers, startIllPortal } from '../../test-support/ill-journeys.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { formatFileSize } from '../http/file-size.js';
import { t } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let close: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close } = await startIllPortal());
});
after(() => close());

const MB = 1024 * 1024;
const { db, uploaded, patronOfType, staffBrowser, idOfNewest, statusOf, auditOf, sentArticle } = illHelpers(() => portal);

describe('the copy: upload', () => {
  test('an upload without the CSRF field, with a bad one, or with the file before it is 403 and writes nothing', async () => {
    const { id, desk } = await sentArticle();
    const before = uploaded();
    const file = { name: 'file', filename: 'copy.pdf', type: 'application/pdf', data: minimalPdf('copy') };
    assert.equal((await desk.upload(`/staff/ill/${id}/copy`, [file], { csrf: null })).status, 403);
    assert.equal((await desk.upload(`/staff/ill/${id}/copy`, [file], { csrf: 'forged-token' })).status, 403);
    assert.equal((await desk.upload(`/staff/ill/${id}/copy`, [file, { name: '_csrf', value: desk.csrf }], { csrf: null })).status, 403);
    assert.deepEqual(uploaded(), before);
    assert.equal(statusOf(id), 'sent');
    assert.ok(auditOf('staff.refused.csrf-token').includes(`POST /staff/ill/${id}/copy`));
  });

  test('a file that is not a PDF, named .pdf, is 422 and leaves no file; an empty form is 422; a body that is not multipart is refused', async () => {
    const { id, desk } = await sentArticle();
    const before = uploaded();
    const fake = await desk.upload(`/staff/ill/${id}/copy`, [
      { name: 'file', filename: 'report.pdf', type: 'application/pdf', data: Buffer.from('<html><body>not a PDF</body></html>') },
    ]);
    assert.equal(fake.status, 422);
    assert.match(fake.text, /This file is not a PDF/);
    await desk.get('/staff/ill');
    const none = await desk.upload(`/staff/ill/${id}/copy`, [
      { name: 'file', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
    ]);
    assert.equal(none.status, 422);
    assert.match(none.text, /Choose the PDF file to upload\./);
    await desk.get('/staff/ill');
    assert.equal((await desk.post(`/staff/ill/${id}/copy`, { file: 'x' })).status, 400);
    assert.equal((await desk.post(`/staff/ill/${id}/copy`, {}, { csrf: null })).status, 403);
    assert.deepEqual(uploaded(), before);
    assert.equal(statusOf(id), 'sent');
  });

  test('one byte over UPLOAD_MAX_MB is 413 and leaves no file; exactly the limit is accepted', async () => {
    const { id, desk } = await sentArticle();
    const before = uploaded();
    const over = minimalPdf('over', { paddingBytes: 0 });
    const big = Buffer.concat([over, Buffer.alloc(1 * MB + 1 - over.length, 0x20)]);
    const answer = await desk.upload(`/staff/ill/${id}/copy`, [{ name: 'file', filename: 'big.pdf', type: 'application/pdf', data: big }]);
    assert.equal(answer.status, 413);
    assert.match(answer.text, /The file is larger than 1 MB, so it was not kept\./);
    assert.deepEqual(uploaded(), before);
    assert.equal(statusOf(id), 'sent');
    await desk.get('/staff/ill');
    const exact = await desk.upload(`/staff/ill/${id}/copy`, [
      { name: 'file', filename: 'exact.pdf', type: 'application/pdf', data: big.subarray(0, MB) },
    ]);
    assert.equal(exact.status, 303);
    assert.equal(prepare(db(), 'SELECT file_size FROM ill_requests WHERE id = ?').pluck().get(id), MB);
  });

  test('an upload broken off mid-way (the client gone) leaves no file, and the request stays sent', async () => {
    const { id, desk } = await sentArticle();
    const before = uploaded();
    const pdf = minimalPdf('broken off', { paddingBytes: 900_000 });
    const { body, contentType } = multipartBody([
      { name: '_csrf', value: desk.csrf },
      { name: 'file', filename: 'broken.pdf', type: 'application/pdf', data: pdf },
    ]);
    const url = new URL(portal.url);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: `/staff/ill/${id}/copy`,
      headers: { cookie: desk.cookieHeader(), 'content-type': contentType, 'content-length': body.length },
    });
    req.on('error', () => undefined);
    req.write(body.subarray(0, 400_000));
    // The file is being written (its .part is there): then the client goes away.
    while (!uploaded().some((name) => name.endsWith('.part'))) await sleep(5);
    req.destroy();
    while (uploaded().some((name) => name.endsWith('.part'))) await sleep(5);
    assert.deepEqual(uploaded(), before);
    assert.equal(statusOf(id), 'sent');
    assert.equal((await desk.get('/staff/ill')).status, 200);
  });

  test('a copy for an article not yet sent to a lender is refused with words (409) and leaves no file; an unknown or malformed request id is 404', async () => {
    const patron = await patronOfType('postgraduate');
    assert.equal((await patron.browser.post('/myrecord/ill/new?kind=article', article)).status, 303);
    const submitted = idOfNewest(patron.barcode);
    const desk = await staffBrowser('ill');
    await desk.get('/staff/ill');
    const before = uploaded();
    const file = { name: 'file', filename: 'c.pdf', type: 'application/pdf', data: minimalPdf('c') };
    const early = await desk.upload(`/staff/ill/${submitted}/copy`, [file]);
    assert.equal(early.status, 409);
    assert.match(
      early.text,
      new RegExp(
        `only for an article request that has been sent to a lending library; request ${submitted} is “Submitted: to be sent to a lender”`,
      ),
    );
    await desk.get('/staff/ill');
    assert.equal((await desk.upload('/staff/ill/99999999/copy', [file])).status, 404);
    await desk.get('/staff/ill');
    assert.equal((await desk.upload('/staff/ill/not-a-number/copy', [file])).status, 404);
    assert.deepEqual(uploaded(), before);
  });

  test('a PDF is delivered: 303, the patron mailed, audited with size and SHA-256; staff see those and no link to the file, whatever name it came with', async () => {
    const { id, patron, desk } = await sentArticle();
    const pdf = minimalPdf('The night markets of Kowloon');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const before = uploaded();
    const done = await desk.upload(`/staff/ill/${id}/copy?status=sent`, [
      { name: 'file', filename: '../../../etc/passwd.pdf', type: 'application/pdf', data: pdf },
    ]);
    assert.equal(done.status, 303);
    const shown = await desk.shown(done);
    assert.match(
      shown.text,
      new RegExp(`The copy of “Night Markets of Kowloon” was delivered: ${formatFileSize(pdf.length, t, 'en')}, SHA-256 ${sha256}`),
    );
    assert.equal(statusOf(id), 'delivered');
    const added = uploaded().filter((f) => !before.includes(f));
    assert.equal(added.length, 1);
    assert.match(added[0]!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.ok(auditOf('ill.copy-uploaded').includes(`${id} "Night Markets of Kowloon": ${pdf.length} bytes, SHA-256 ${sha256}`));
    const mail = await smtp.waitFor(
      (m) => m.to.includes(patron.email) && m.text.includes('The copy of “Night Markets of Kowloon” is ready'),
    );
    assert.match(mail.text, /up to 5 times until/);
    const queue = await desk.get('/staff/ill?status=delivered');
    assert.ok(queue.text.includes(sha256));
    assert.doesNotMatch(queue.text, new RegExp(`/myrecord/ill/${id}/copy`));
    assert.match(queue.text, /Staff cannot open the copy/);
    // Staff have no patron session: the download is not theirs to make.
    const staffTry = await desk.getBytes(`/myrecord/ill/${id}/copy`);
    assert.notEqual(staffTry.status, 200);
    assert.ok(!staffTry.bytes.includes(Buffer.from('%PDF-')));
  });
});
