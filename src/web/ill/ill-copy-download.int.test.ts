/**
 * Interlibrary Loan Request over HTTP, the delivered copy for its patron: downloaded five times then
 * gone, gone 30 days after delivery (housekeeping deletes it), and counted on the home.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestPortal } from '../../test-support/test-portal.js';
import { ILL_ARTICLE as article, illHelpers, startIllPortal } from '../../test-support/ill-journeys.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let close: () => Promise<void>;
before(async () => {
  ({ portal, close } = await startIllPortal());
});
after(() => close());

const { db, uploaded, patronOfType, sentArticle } = illHelpers(() => portal);

describe('the copy: download', () => {
  test('the patron downloads it 5 times as an attachment, then 410, the file deleted and the page saying so; another patron gets 404', async () => {
    const { id, patron, desk } = await sentArticle();
    const pdf = minimalPdf('Five times');
    assert.equal(
      (await desk.upload(`/staff/ill/${id}/copy`, [{ name: 'file', filename: 'five.pdf', type: 'application/pdf', data: pdf }])).status,
      303,
    );
    const fileName = prepare(db(), 'SELECT file_name FROM ill_requests WHERE id = ?').pluck().get(id) as string;
    const other = await patronOfType('postgraduate');
    assert.equal((await other.browser.postBytes(`/myrecord/ill/${id}/copy`)).status, 404);
    assert.equal((await patron.browser.postBytes('/myrecord/ill/99999999/copy')).status, 404);
    const list = await patron.browser.get('/myrecord/ill');
    assert.match(list.text, /You can download it 5 more times until/);
    assert.match(list.text, new RegExp(`<form method="post" action="/myrecord/ill/${id}/copy">`));
    for (let i = 1; i <= 5; i++) {
      const got = await patron.browser.postBytes(`/myrecord/ill/${id}/copy`);
      assert.equal(got.status, 200, `download ${i}`);
      assert.equal(got.headers.get('content-type'), 'application/pdf');
      assert.match(got.headers.get('content-disposition')!, /^attachment; filename="interlibrary-loan-\d+\.pdf"$/);
      assert.deepEqual(got.bytes, pdf);
    }
    assert.ok(!uploaded().includes(fileName));
    const gone = await patron.browser.post(`/myrecord/ill/${id}/copy`, {});
    assert.equal(gone.status, 410);
    assert.match(gone.text, /Downloaded 5 times; the file was deleted\./);
    assert.match((await patron.browser.get('/myrecord/ill')).text, /Downloaded 5 times; the file was deleted\./);
    assert.match((await desk.get('/staff/ill?status=delivered')).text, /Downloaded 5 of 5 times allowed/);
  });

  test('30 days after delivery the copy is 410 and housekeeping deletes its file', async () => {
    const { id, patron, desk } = await sentArticle();
    assert.equal(
      (
        await desk.upload(`/staff/ill/${id}/copy`, [
          { name: 'file', filename: 'old.pdf', type: 'application/pdf', data: minimalPdf('Thirty days') },
        ])
      ).status,
      303,
    );
    const fileName = prepare(db(), 'SELECT file_name FROM ill_requests WHERE id = ?').pluck().get(id) as string;
    assert.equal((await patron.browser.postBytes(`/myrecord/ill/${id}/copy`)).status, 200);
    portal.clock.advance(30 * 86_400_000);
    try {
      // Thirty days later the session has long ended: the patron logs in again.
      await patron.browser.logIn(patron.barcode, 'q7w3e9r1');
      assert.ok((await portal.portal.illCopies.expireCopies()) >= 1);
      assert.ok(!uploaded().includes(fileName));
      await patron.browser.get('/myrecord/ill');
      const gone = await patron.browser.post(`/myrecord/ill/${id}/copy`, {});
      assert.equal(gone.status, 410);
      assert.match(gone.text, /The copy could be downloaded until .*; the file was deleted\./);
    } finally {
      portal.clock.advance(-30 * 86_400_000);
    }
  });

  test('the home says how many requests are in progress and copies wait to be downloaded', async () => {
    const { id, patron, desk } = await sentArticle();
    assert.equal(
      (await desk.upload(`/staff/ill/${id}/copy`, [{ name: 'file', filename: 'h.pdf', type: 'application/pdf', data: minimalPdf('Home') }]))
        .status,
      303,
    );
    assert.equal((await patron.browser.post('/myrecord/ill/new?kind=article', article)).status, 303);
    assert.match((await patron.browser.get('/myrecord')).text, /1 request in progress, 1 copy to download/);
  });
});
