/**
 * Deposits cannot fill the disk: a patron type keeps at most so many drafts open at once, and each
 * patron's stored deposit files at most so many MB (deposit_rules; 5 and 200 by default). A draft
 * nobody has touched for DEPOSIT_DRAFT_DAYS is deleted with its file at housekeeping, after one mail
 * to its author 14 days before, in the author's language.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { registeredPatronIn, startPortalWithMail, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { prepare } from '../../test-support/raw-sql.js';

const MB = 1024 * 1024;
const DAY_MS = 86_400_000;
let portal: TestPortal;
let smtp: TestSmtp;
let close: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close } = await startPortalWithMail({ UPLOAD_MAX_MB: '1', DEPOSIT_DRAFT_DAYS: '30' }));
});
after(() => close());

const db = () => portal.portal.db;
const uploaded = () => readdirSync(portal.portal.uploads.dir).sort();
const PIN = 'q7w3e9r1';
let nextBarcode = 23500001;

async function postgraduate() {
  const barcode = String(nextBarcode++);
  const email = `l${barcode}@example.edu`;
  const browser = await registeredPatronIn(portal, {
    barcode,
    name: `Limited ${barcode}`,
    email,
    type: 'postgraduate',
    landing: '/myrecord/deposits',
  });
  return { browser, barcode, email };
}

const depositsOf = (barcode: string) =>
  prepare(
    db(),
    'SELECT d.id, d.status, d.file_name FROM deposits d JOIN patrons p ON p.id = d.patron_id WHERE p.barcode = ? ORDER BY d.id',
  ).all(barcode) as Array<{ id: number; status: string; file_name: string | null }>;

const pdfOf = (bytes: number, text = 'limit') => {
  const head = minimalPdf(text);
  return Buffer.concat([head, Buffer.alloc(bytes - head.length, 0x20)]);
};

describe('limits', () => {
  test('five open drafts at most: the sixth is 422 naming the limit and makes nothing; the page says where the patron stands', async () => {
    const { browser, barcode } = await postgraduate();
    assert.match((await browser.get('/myrecord/deposits')).text, /You have 0 of 5 drafts; 0 MB of 200 MB used\./);
    for (let i = 1; i <= 5; i++) {
      await browser.get('/myrecord/deposits');
      assert.equal((await browser.post('/myrecord/deposits', {})).status, 303, `draft ${i}`);
    }
    const list = await browser.get('/myrecord/deposits');
    assert.match(list.text, /You have 5 of 5 drafts; 0 MB of 200 MB used\./);
    const sixth = await browser.post('/myrecord/deposits', {});
    assert.equal(sixth.status, 422);
    assert.match(sixth.text, /role="alert"/);
    assert.match(sixth.text, /You already have 5 drafts, the most you may keep at once:/);
    assert.equal(depositsOf(barcode).length, 5);
  });

  test('drafts made at once never pass the limit', async () => {
    const { browser, barcode } = await postgraduate();
    const answers = await Promise.all(Array.from({ length: 12 }, () => browser.post('/myrecord/deposits', {})));
    assert.equal(answers.filter((a) => a.status === 303).length, 5);
    assert.equal(answers.filter((a) => a.status === 422).length, 7);
    assert.equal(depositsOf(barcode).length, 5);
  });

  test('an upload that would take the patron past the storage allowed is 422 naming the limit, and nothing is stored', async () => {
    prepare(db(), "UPDATE deposit_rules SET storage_mb = 2 WHERE patron_type = 'postgraduate'").run();
    try {
      const { browser, barcode } = await postgraduate();
      for (let i = 0; i < 3; i++) {
        await browser.get('/myrecord/deposits');
        await browser.post('/myrecord/deposits', {});
      }
      const [a, b, c] = depositsOf(barcode).map((d) => d.id);
      for (const id of [a!, b!]) {
        await browser.get(`/myrecord/deposits/${id}`);
        assert.equal(
          (
            await browser.upload(`/myrecord/deposits/${id}/file`, [
              { name: 'file', filename: 'p.pdf', type: 'application/pdf', data: pdfOf(MB - 100) },
            ])
          ).status,
          303,
        );
      }
      const page = await browser.get(`/myrecord/deposits/${c!}`);
      assert.match(page.text, /You have 3 of 5 drafts; 2 MB of 2 MB used\./);
      const before = uploaded();
      const over = await browser.upload(`/myrecord/deposits/${c!}/file`, [
        { name: 'file', filename: 'p.pdf', type: 'application/pdf', data: pdfOf(1000) },
      ]);
      assert.equal(over.status, 422);
      assert.match(over.text, /This file would take your deposits past the 2 MB you may store, so it was not kept\./);
      assert.match(over.text, /id="file-error"/);
      assert.deepEqual(uploaded(), before);
      assert.equal(depositsOf(barcode)[2]!.file_name, null);
      // Replacing a file counts the new one instead of the old: a smaller one fits.
      await browser.get(`/myrecord/deposits/${a!}`);
      assert.equal(
        (
          await browser.upload(`/myrecord/deposits/${a!}/file`, [
            { name: 'file', filename: 'p.pdf', type: 'application/pdf', data: pdfOf(1000) },
          ])
        ).status,
        303,
      );
      await browser.get(`/myrecord/deposits/${c!}`);
      assert.equal(
        (
          await browser.upload(`/myrecord/deposits/${c!}/file`, [
            { name: 'file', filename: 'p.pdf', type: 'application/pdf', data: pdfOf(2000) },
          ])
        ).status,
        303,
      );
    } finally {
      prepare(db(), "UPDATE deposit_rules SET storage_mb = 200 WHERE patron_type = 'postgraduate'").run();
    }
  });
});

describe('drafts left untouched', () => {
  test('mailed once 14 days before, in the author’s language; then deleted with the file; a touched or submitted deposit stays', async () => {
    const idle = await postgraduate();
    const touched = await postgraduate();
    prepare(db(), "UPDATE patrons SET language = 'zh-HK' WHERE barcode = ?").run(idle.barcode);
    for (const who of [idle, touched]) {
      await who.browser.get('/myrecord/deposits');
      assert.equal((await who.browser.post('/myrecord/deposits', {})).status, 303);
    }
    const [idleId] = depositsOf(idle.barcode).map((d) => d.id);
    const [touchedId] = depositsOf(touched.barcode).map((d) => d.id);
    await idle.browser.get(`/myrecord/deposits/${idleId!}`);
    assert.equal(
      (
        await idle.browser.upload(`/myrecord/deposits/${idleId!}/file`, [
          { name: 'file', filename: 'p.pdf', type: 'application/pdf', data: pdfOf(5000) },
        ])
      ).status,
      303,
    );
    const fileName = depositsOf(idle.barcode)[0]!.file_name!;
    // Mail about a draft links to it (the PIN-changed notices of registering do not).
    const aboutDrafts = (who: { email: string }) =>
      smtp.received.filter((m) => m.to.includes(who.email) && m.text.includes('/myrecord/deposits/'));
    const start = portal.clock.now();
    const notDrafts = () => prepare(db(), "SELECT COUNT(*) FROM deposits WHERE status <> 'draft'").pluck().get() as number;
    const decided = notDrafts();
    try {
      // Day 15: a day before the warning is due, nothing.
      portal.clock.advance(15 * DAY_MS);
      portal.portal.housekeeping();
      await portal.portal.notices.settled();
      assert.deepEqual([...aboutDrafts(idle), ...aboutDrafts(touched)], []);
      // The other author saves his draft: its thirty days start again.
      await touched.browser.logIn(touched.barcode, PIN);
      await touched.browser.get(`/myrecord/deposits/${touchedId!}`);
      assert.equal((await touched.browser.post(`/myrecord/deposits/${touchedId!}`, { title: 'Still working on it' })).status, 303);

      // Day 16: 14 days before the end, one mail, in Chinese; housekeeping again sends no second.
      portal.clock.advance(DAY_MS);
      portal.portal.housekeeping();
      await portal.portal.notices.settled();
      portal.portal.housekeeping();
      await portal.portal.notices.settled();
      const warnings = aboutDrafts(idle);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!.subject, /草稿/);
      assert.match(warnings[0]!.text, new RegExp(`/myrecord/deposits/${idleId!}`));
      assert.deepEqual(aboutDrafts(touched), []);

      // Day 30: the idle draft and its file are gone; the touched one stays.
      portal.clock.advance(14 * DAY_MS);
      portal.portal.housekeeping();
      await portal.portal.notices.settled();
      for (let i = 0; i < 100 && uploaded().includes(fileName); i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(depositsOf(idle.barcode), []);
      assert.ok(!uploaded().includes(fileName));
      assert.equal(depositsOf(touched.barcode).length, 1);
      assert.equal(notDrafts(), decided);
      assert.equal(
        prepare(db(), "SELECT COUNT(*) FROM status_history WHERE subject = 'deposit' AND subject_id = ?").pluck().get(idleId),
        0,
      );
    } finally {
      portal.clock.set(start);
    }
  });
});
