/**
 * Hostile uploads to a deposit, refused early and never half-written: no CSRF token, a non-PDF named
 * .pdf, one byte over the limit, a path-traversal file name, a body broken off mid-way; a replaced
 * file deleted once the new one is recorded, and housekeeping's sweep of files no row names.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { utimesSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPortalWithMail, multipartBody, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEPOSIT_DESCRIBED as described, depositJourneys, pdfPart } from '../../test-support/deposit-journeys.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';

const MB = 1024 * 1024;
let portal: TestPortal;
let close: () => Promise<void>;
before(async () => {
  ({ portal, close } = await startPortalWithMail({ UPLOAD_MAX_MB: '1' }));
});
after(() => close());

const { uploaded, row, draft } = depositJourneys(() => portal, 23100001);

describe('hostile uploads', () => {
  test('without a CSRF token, with a forged one, or with the file before it: 403 and nothing written', async () => {
    const { browser, id } = await draft();
    const before = uploaded();
    assert.equal((await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('a'))], { csrf: null })).status, 403);
    assert.equal((await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('a'))], { csrf: 'forged' })).status, 403);
    assert.equal(
      (
        await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('a')), { name: '_csrf', value: browser.csrf }], {
          csrf: null,
        })
      ).status,
      403,
    );
    assert.deepEqual(uploaded(), before);
    assert.equal(row(id).file_name, null);
    // Without a session, the login: not a byte read.
    const visitor = new TestBrowser(portal.url);
    assert.equal((await visitor.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('a'))], { csrf: 'none' })).status, 303);
    assert.deepEqual(uploaded(), before);
  });

  test('a file that is not a PDF, named .pdf: 422, no file, no change', async () => {
    const { browser, id } = await draft();
    const before = uploaded();
    const fake = await browser.upload(`/myrecord/deposits/${id}/file`, [
      pdfPart(Buffer.from('<html><script>alert(1)</script></html>'), 'thesis.pdf'),
    ]);
    assert.equal(fake.status, 422);
    assert.match(fake.text, /This file is not a PDF/);
    assert.match(fake.text, /id="file-error"/);
    assert.deepEqual(uploaded(), before);
    assert.equal(row(id).file_name, null);
  });

  test('one byte over UPLOAD_MAX_MB: 413, no file; exactly the limit is stored with its size and SHA-256', async () => {
    const { browser, id } = await draft();
    const before = uploaded();
    const head = minimalPdf('big');
    const big = Buffer.concat([head, Buffer.alloc(MB + 1 - head.length, 0x20)]);
    const over = await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(big)]);
    assert.equal(over.status, 413);
    assert.match(over.text, /The file is larger than 1 MB, so it was not kept\./);
    assert.deepEqual(uploaded(), before);
    assert.equal(row(id).file_name, null);
    await browser.get(`/myrecord/deposits/${id}`);
    const exact = big.subarray(0, MB);
    assert.equal((await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(exact)])).status, 303);
    assert.equal(row(id).file_size, MB);
    assert.equal(row(id).file_sha256, createHash('sha256').update(exact).digest('hex'));
  });

  test('a path-traversal file name changes nothing: the file is kept under a random name inside UPLOAD_DIR', async () => {
    const { browser, id } = await draft();
    const before = uploaded();
    const done = await browser.upload(`/myrecord/deposits/${id}/file`, [
      pdfPart(minimalPdf('traversal'), '../../../../etc/cron.d/evil.pdf'),
    ]);
    assert.equal(done.status, 303);
    const added = uploaded().filter((f) => !before.includes(f));
    assert.deepEqual(added, [row(id).file_name]);
    assert.match(added[0]!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const page = await browser.get(`/myrecord/deposits/${id}`);
    assert.doesNotMatch(page.text, /evil|cron/);
  });

  test('an upload broken off mid-way (the socket destroyed) leaves no file and no change to the row', async () => {
    const { browser, id } = await draft();
    await browser.post(`/myrecord/deposits/${id}`, described);
    await browser.get(`/myrecord/deposits/${id}`);
    const before = uploaded();
    const rowBefore = row(id);
    const { body, contentType } = multipartBody([
      { name: '_csrf', value: browser.csrf },
      pdfPart(minimalPdf('broken', { paddingBytes: 900_000 })),
    ]);
    const url = new URL(portal.url);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: `/myrecord/deposits/${id}/file`,
      headers: { cookie: browser.cookieHeader(), 'content-type': contentType, 'content-length': body.length },
    });
    req.on('error', () => undefined);
    req.write(body.subarray(0, 400_000));
    while (!uploaded().some((name) => name.endsWith('.part'))) await sleep(5);
    req.socket?.destroy();
    req.destroy();
    while (uploaded().some((name) => name.endsWith('.part'))) await sleep(5);
    assert.deepEqual(uploaded(), before);
    assert.deepEqual(row(id), rowBefore);
    assert.equal((await browser.get(`/myrecord/deposits/${id}`)).status, 200);
  });

  test('a replaced file is deleted once the new one is recorded; housekeeping sweeps a day-old file no row names', async () => {
    const { browser, id } = await draft();
    assert.equal((await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('first'))])).status, 303);
    const first = row(id).file_name as string;
    await browser.get(`/myrecord/deposits/${id}`);
    const replaced = await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('second'))]);
    assert.equal(replaced.status, 303);
    assert.match((await browser.shown(replaced)).text, /The new PDF replaces the old one/);
    const second = row(id).file_name as string;
    assert.notEqual(second, first);
    assert.ok(!uploaded().includes(first));
    assert.ok(uploaded().includes(second));
    // A file stored by a server killed before it could record it: no row names it.
    const orphan = await portal.portal.uploads.receive((await import('node:stream')).Readable.from([minimalPdf('orphan')]));
    assert.ok(orphan.ok);
    const old = (portal.clock.now() - 2 * 86_400_000) / 1000;
    for (const name of [orphan.file.name, second]) utimesSync(join(portal.portal.uploads.dir, name), old, old);
    portal.portal.housekeeping();
    for (let i = 0; i < 100 && uploaded().includes(orphan.file.name); i++) await sleep(10);
    assert.ok(!uploaded().includes(orphan.file.name));
    assert.ok(uploaded().includes(second));
  });
});
