/**
 * Interlibrary Loan Request over HTTP, the staff queue: who may open it, and a request moved through
 * every status with what each step needs, its mail to the patron, its audit row and its history.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { ILL_ARTICLE as article, illHelpers, startIllPortal } from '../../test-support/ill-journeys.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { libraryDateOf, addDays } from '../../domain/shared/library-date.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let close: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close } = await startIllPortal());
});
after(() => close());

const { db, uploaded, future, patronOfType, staffBrowser, idOfNewest, statusOf, auditOf } = illHelpers(() => portal);

describe('the staff queue', () => {
  test('staff without the ill role get 403 on the queue and its forms, audited; logged out, the login', async () => {
    const counter = await staffBrowser('counter');
    assert.equal((await counter.get('/staff/ill')).status, 403);
    assert.equal((await counter.post('/staff/ill/1/status', { status: 'sent', lender: 'X' })).status, 403);
    const before = uploaded();
    assert.equal(
      (await counter.upload('/staff/ill/1/copy', [{ name: 'file', filename: 'a.pdf', type: 'application/pdf', data: minimalPdf('x') }]))
        .status,
      403,
    );
    assert.deepEqual(uploaded(), before);
    assert.ok(auditOf('staff.refused.role').some((d) => d === 'GET /staff/ill'));
    const visitor = new TestBrowser(portal.url);
    assert.equal((await visitor.get('/staff/ill')).status, 303);
    assert.equal(
      (
        await visitor.upload('/staff/ill/1/copy', [{ name: 'file', filename: 'a.pdf', type: 'application/pdf', data: minimalPdf('x') }], {
          csrf: 'none',
        })
      ).status,
      303,
    );
    assert.deepEqual(uploaded(), before);
    assert.equal((await (await staffBrowser('admin')).get('/staff/ill')).status, 200);
  });

  test('a book through every step: lender and due date required (422), each change mailed, audited and in the history the patron reads', async () => {
    const patron = await patronOfType('postgraduate');
    assert.equal(
      (await patron.browser.post('/myrecord/ill/new?kind=book', { title: 'Tea and Empire', not_needed_after: future() })).status,
      303,
    );
    const id = idOfNewest(patron.barcode);
    const desk = await staffBrowser('ill');
    const queue = await desk.get('/staff/ill?status=submitted');
    assert.equal(queue.status, 200);
    assert.match(queue.text, new RegExp(`Request ${id}: Tea and Empire`));
    assert.match(queue.text, /Test Patron/);

    const noLender = await desk.post(`/staff/ill/${id}/status?status=submitted`, { status: 'sent', lender: '' });
    assert.equal(noLender.status, 422);
    assert.match(noLender.text, /Give the lending library the request was sent to\./);
    assert.match(noLender.text, new RegExp(`href="#lender-${id}"|id="lender-${id}"`));
    assert.equal(statusOf(id), 'submitted');
    const notNext = await desk.post(`/staff/ill/${id}/status`, { status: 'returned' });
    assert.equal(notNext.status, 422);
    assert.equal((await desk.post(`/staff/ill/${id}/status`, { status: 'lost' })).status, 422);
    assert.equal((await desk.post('/staff/ill/99999999/status', { status: 'sent', lender: 'X' })).status, 404);

    const sent = await desk.post(`/staff/ill/${id}/status?status=submitted`, {
      status: 'sent',
      lender: 'Lingnan University Library',
      seen: 'submitted',
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.get('location'), `/staff/ill?status=submitted#request-${id}`);
    assert.match(
      (await desk.shown(sent)).text,
      new RegExp(`Request ${id} “Tea and Empire” is now: Sent to a lending library\\. The patron has been e-mailed\\.`),
    );
    const mailSent = await smtp.waitFor(
      (m) => m.to.includes(patron.email) && m.text.includes('We have asked Lingnan University Library to supply “Tea and Empire”.'),
    );
    assert.match(mailSent.subject, /Sent to a lending library/);

    assert.equal((await desk.post(`/staff/ill/${id}/status`, { status: 'received' })).status, 422);
    const pastDue = await desk.post(`/staff/ill/${id}/status`, { status: 'received', due_date: '2001-01-01' });
    assert.match(pastDue.text, /cannot be in the past/);
    const due = addDays(libraryDateOf(portal.clock.now()), 21);
    assert.equal((await desk.post(`/staff/ill/${id}/status`, { status: 'received', due_date: due })).status, 303);
    await smtp.waitFor((m) => m.to.includes(patron.email) && m.text.includes('has arrived from Lingnan University Library'));
    assert.equal((await desk.post(`/staff/ill/${id}/status`, { status: 'on_loan' })).status, 303);
    await smtp.waitFor((m) => m.to.includes(patron.email) && m.text.includes('You have borrowed “Tea and Empire”'));
    // A second submit of the form seen before (a double click): nothing is done twice.
    const stale = await desk.post(`/staff/ill/${id}/status`, { status: 'on_loan', seen: 'received' });
    assert.equal(stale.status, 303);
    assert.match((await desk.shown(stale)).text, /had already been changed by someone else/);
    assert.equal((await desk.post(`/staff/ill/${id}/status`, { status: 'returned' })).status, 303);
    await smtp.waitFor((m) => m.to.includes(patron.email) && m.text.includes('has been returned to Lingnan University Library'));

    assert.deepEqual(
      portal.portal.repos.history.of('ill', id).map((h) => [h.status, h.staffUsername]),
      [
        ['submitted', null],
        ['sent', 'ill'],
        ['received', 'ill'],
        ['on_loan', 'ill'],
        ['returned', 'ill'],
      ],
    );
    const audit = prepare(
      db(),
      "SELECT a.detail, s.username, p.barcode, a.client_address FROM audit_log a JOIN staff s ON s.id = a.staff_id JOIN patrons p ON p.id = a.patron_id WHERE a.action = 'ill.status-changed' AND a.detail LIKE ?",
    ).all(`${id} %`) as Array<{ detail: string; username: string; barcode: string; client_address: string }>;
    assert.deepEqual(
      audit.map((a) => a.detail.replace(/, due \S+/, '')),
      [
        `${id} "Tea and Empire": sent, lender Lingnan University Library`,
        `${id} "Tea and Empire": received`,
        `${id} "Tea and Empire": on_loan`,
        `${id} "Tea and Empire": returned`,
      ],
    );
    assert.ok(audit.every((a) => a.username === 'ill' && a.barcode === patron.barcode && a.client_address === '127.0.0.1'));
    const list = await patron.browser.get('/myrecord/ill');
    assert.match(list.text, /Lending library: Lingnan University Library/);
    assert.match(list.text, /Returned/);
    assert.doesNotMatch(list.text, /Cancel request/);
  });

  test('unfilled needs a reason, which the patron reads in the mail and the history', async () => {
    const patron = await patronOfType('undergraduate');
    assert.equal((await patron.browser.post('/myrecord/ill/new?kind=article', article)).status, 303);
    const id = idOfNewest(patron.barcode);
    const desk = await staffBrowser('ill');
    await desk.get('/staff/ill');
    const noReason = await desk.post(`/staff/ill/${id}/status`, { status: 'unfilled', reason: ' ' });
    assert.equal(noReason.status, 422);
    assert.match(noReason.text, /Give the reason it could not be supplied/);
    assert.equal(
      (await desk.post(`/staff/ill/${id}/status`, { status: 'unfilled', reason: 'Volume <b>missing</b> everywhere' })).status,
      303,
    );
    await smtp.waitFor((m) => m.to.includes(patron.email) && m.text.includes('The reason: Volume <b>missing</b> everywhere'));
    const list = await patron.browser.get('/myrecord/ill');
    assert.match(list.text, /Reason: Volume &lt;b&gt;missing&lt;\/b&gt; everywhere/);
  });
});
