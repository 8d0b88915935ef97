/**
 * Repository staff over HTTP: the role required, claiming (two at once: one wins), correcting,
 * returning with a reason and publishing, with mail, audit and history; withdrawing, after which
 * the public page is a tombstone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { DEPOSIT_DESCRIBED as described, depositJourneys } from '../../test-support/deposit-journeys.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let close: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close } = await startPortalWithMail({ UPLOAD_MAX_MB: '1' }));
});
after(() => close());

const { db, row, submitted, staffBrowser } = depositJourneys(() => portal, 23200001);

describe('repository staff', () => {
  test('staff without the repository role get 403, audited; the queue is for the role', async () => {
    const ill = await staffBrowser('ill');
    assert.equal((await ill.get('/staff/deposits')).status, 403);
    assert.equal((await ill.post('/staff/deposits/1/claim', {})).status, 403);
    const desk = await staffBrowser('repository');
    const queue = await desk.get('/staff/deposits');
    assert.equal(queue.status, 200);
    assert.match(queue.text, /Waiting for review/);
  });

  test('two members of staff claiming at once: exactly one wins, the other is told who has it', async () => {
    const d = await submitted();
    const a = await staffBrowser('repository');
    const b = await staffBrowser('admin');
    const answers = await Promise.all([a.post(`/staff/deposits/${d.id}/claim`, {}), b.post(`/staff/deposits/${d.id}/claim`, {})]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [303, 409]);
    const lost = answers.find((r) => r.status === 409)!;
    assert.match(lost.text, /is already reviewing this deposit/);
    assert.equal(portal.portal.repos.history.of('deposit', d.id).filter((h) => h.status === 'under_review').length, 1);
    assert.equal(
      prepare(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'deposit.status-changed' AND detail LIKE ?")
        .pluck()
        .get(`${d.id} %under_review`),
      1,
    );
  });

  test('claim, correct, return with a required reason; the author fixes and resubmits; publish: each step mailed, audited and in the history', async () => {
    const embargo = addDays(libraryDateOf(portal.clock.now()), 30);
    const d = await submitted({ embargo_until: embargo });
    const desk = await staffBrowser('repository');
    await desk.get('/staff/deposits');
    assert.equal((await desk.post(`/staff/deposits/${d.id}/claim`, {})).status, 303);
    await smtp.waitFor((m) => m.to.includes(d.email) && m.text.includes('has started to review “Night Markets of Kowloon”'));
    const mine = await desk.get('/staff/deposits?status=mine');
    assert.match(mine.text, new RegExp(`Deposit ${d.id}: Night Markets of Kowloon`));
    const page = await desk.get(`/staff/deposits/${d.id}`);
    assert.match(page.text, new RegExp(`href="/staff/deposits/${d.id}/file"`));
    const staffPdf = await desk.getBytes(`/staff/deposits/${d.id}/file`);
    assert.equal(staffPdf.status, 200);
    assert.ok(staffPdf.bytes.subarray(0, 5).equals(Buffer.from('%PDF-')));
    assert.equal(
      (await desk.post(`/staff/deposits/${d.id}`, { ...described, title: 'Night Markets of Kowloon, 1950–1990', embargo_until: embargo }))
        .status,
      303,
    );
    assert.equal(row(d.id).title, 'Night Markets of Kowloon, 1950–1990');

    const noReason = await desk.post(`/staff/deposits/${d.id}/decision`, { decision: 'return', reason: '  ' });
    assert.equal(noReason.status, 422);
    assert.match(noReason.text, /Give the reason: the author reads it\./);
    assert.equal(row(d.id).status, 'under_review');
    assert.equal(
      (
        await desk.post(`/staff/deposits/${d.id}/decision`, {
          decision: 'return',
          reason: 'The publisher allows the <accepted> manuscript only.',
        })
      ).status,
      303,
    );
    await smtp.waitFor(
      (m) => m.to.includes(d.email) && m.text.includes('The reason: The publisher allows the <accepted> manuscript only.'),
    );

    const returned = await d.browser.get(`/myrecord/deposits/${d.id}`);
    assert.match(returned.text, /Returned for changes:<\/strong> The publisher allows the &lt;accepted&gt; manuscript only\./);
    assert.match(returned.text, /Description corrected by the library/);
    assert.match(returned.text, /Changed: Title/);
    assert.equal(
      (
        await d.browser.post(`/myrecord/deposits/${d.id}`, {
          ...described,
          title: 'Night Markets of Kowloon, 1950–1990',
          embargo_until: embargo,
        })
      ).status,
      303,
    );
    await d.browser.get(`/myrecord/deposits/${d.id}`);
    assert.equal((await d.browser.post(`/myrecord/deposits/${d.id}/submit`, { agreement: 'yes' })).status, 303);
    assert.match((await d.browser.get('/myrecord')).text, /1 deposit under review/);

    assert.equal((await desk.post(`/staff/deposits/${d.id}/claim`, {})).status, 303);
    assert.equal((await desk.post(`/staff/deposits/${d.id}/decision`, { decision: 'publish', reason: '' })).status, 303);
    await smtp.waitFor(
      (m) => m.to.includes(d.email) && m.text.includes('is now published') && m.text.includes('Its full text opens to everyone on'),
    );
    assert.deepEqual(
      portal.portal.repos.history.of('deposit', d.id).map((h) => [h.status, h.staffUsername, h.reason]),
      [
        ['draft', null, null],
        ['submitted', null, null],
        ['under_review', 'repository', null],
        ['under_review', 'repository', 'edited'],
        ['returned', 'repository', null],
        ['submitted', null, null],
        ['under_review', 'repository', null],
        ['published', 'repository', null],
      ],
    );
    const audit = prepare(
      db(),
      "SELECT a.detail, s.username, p.barcode FROM audit_log a JOIN staff s ON s.id = a.staff_id JOIN patrons p ON p.id = a.patron_id WHERE a.action LIKE 'deposit.%' AND a.detail LIKE ?",
    ).all(`${d.id} %`) as Array<{ detail: string; username: string; barcode: string }>;
    assert.deepEqual(
      audit.map((a) => a.detail.replace(/^\d+ "[^"]*": /, '')),
      ['under_review', 'title', 'returned, reason The publisher allows the <accepted> manuscript only.', 'under_review', 'published'],
    );
    assert.ok(audit.every((a) => a.username === 'repository' && a.barcode === d.barcode));
  });

  test('withdrawing needs a reason; the public page then says it was withdrawn (410), without the file', async () => {
    const d = await submitted();
    const desk = await staffBrowser('repository');
    await desk.get('/staff/deposits');
    await desk.post(`/staff/deposits/${d.id}/claim`, {});
    await desk.post(`/staff/deposits/${d.id}/decision`, { decision: 'publish' });
    assert.equal((await new TestBrowser(portal.url).getBytes(`/repository/${d.id}/file`)).status, 200);
    assert.equal((await desk.post(`/staff/deposits/${d.id}/decision`, { decision: 'withdraw', reason: '' })).status, 422);
    assert.equal(
      (await desk.post(`/staff/deposits/${d.id}/decision`, { decision: 'withdraw', reason: 'A duplicate of deposit 1.' })).status,
      303,
    );
    const visitor = new TestBrowser(portal.url);
    const tomb = await visitor.get(`/repository/${d.id}`);
    assert.equal(tomb.status, 410);
    assert.match(tomb.text, /This deposit was withdrawn from the archive on/);
    assert.match(tomb.text, /A duplicate of deposit 1\./);
    assert.doesNotMatch(tomb.text, /citation_title|\/file"/);
    assert.equal((await visitor.getBytes(`/repository/${d.id}/file`)).status, 410);
    assert.doesNotMatch((await visitor.get('/repository')).text, new RegExp(`/repository/${d.id}"`));
  });
});
