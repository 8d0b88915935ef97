/**
 * Institutional Research Archive Online Submission over HTTP: who may deposit, the
 * draft saved whole or not at all, the upload refused early and never half-written (hostile uploads:
 * a non-PDF named .pdf, one byte over the limit, no CSRF token, a path-traversal file name, a body
 * broken off mid-way), submitting, staff claiming (two at once: one wins), correcting, returning with
 * a reason and publishing, with mail and audit; and the public pages, 404 unless published.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, utimesSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  demoStaffIn,
  multipartBody,
  registeredPatronIn,
  startPortalWithMail,
  TestBrowser,
  type TestPortal,
} from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { minimalPdf } from '../../lib/minimal-pdf.js';
import { addDays, libraryDateOf } from '../../domain/circulation/library-date.js';
import { prepare } from '../../test-support/raw-sql.js';

const MB = 1024 * 1024;
let portal: TestPortal;
let smtp: TestSmtp;
let close: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close } = await startPortalWithMail({ UPLOAD_MAX_MB: '1' }));
});
after(() => close());

const db = () => portal.portal.db;
const uploaded = () => readdirSync(portal.portal.uploads.dir).sort();
let nextBarcode = 23000001;

async function patronOfType(type: 'undergraduate' | 'postgraduate' | 'staff' | 'alumni') {
  const barcode = String(nextBarcode++);
  const email = `d${barcode}@example.edu`;
  const browser = await registeredPatronIn(portal, { barcode, name: `Depositor ${barcode}`, email, type, landing: '/myrecord/deposits' });
  return { browser, barcode, email };
}

const staffBrowser = (username: string): Promise<TestBrowser> => demoStaffIn(portal, username);

const described = {
  title: 'Night Markets of Kowloon',
  authors: 'Chan Tai Man | https://orcid.org/0000-0002-1825-0097\nMaria Santos',
  type: 'article',
  year: '2025',
  venue: 'Journal of Asian Studies',
  doi: 'doi:10.1000/182',
  abstract: 'How the night markets <b>fed</b> the city.',
  keywords: 'markets; Kowloon',
  version: 'accepted',
  licence: 'cc-by',
  embargo_until: '',
};
const row = (id: number) => prepare(db(), 'SELECT * FROM deposits WHERE id = ?').get(id) as Record<string, unknown>;
const pdfPart = (data: Buffer, filename = 'paper.pdf') => ({ name: 'file', filename, type: 'application/pdf', data });

/** A new draft of a new depositor: its id and page. */
async function draft(type: 'postgraduate' | 'staff' = 'postgraduate') {
  const depositor = await patronOfType(type);
  const made = await depositor.browser.post('/myrecord/deposits', {});
  assert.equal(made.status, 303);
  const id = Number(/^\/myrecord\/deposits\/(\d+)$/.exec(made.headers.get('location') ?? '')?.[1]);
  assert.ok(id > 0);
  await depositor.browser.get(`/myrecord/deposits/${id}`);
  return { ...depositor, id };
}

/** A draft described, with its PDF, submitted. */
async function submitted(fields: Record<string, string> = {}) {
  const d = await draft();
  assert.equal((await d.browser.post(`/myrecord/deposits/${d.id}`, { ...described, ...fields })).status, 303);
  await d.browser.get(`/myrecord/deposits/${d.id}`);
  assert.equal((await d.browser.upload(`/myrecord/deposits/${d.id}/file`, [pdfPart(minimalPdf('paper'))])).status, 303);
  await d.browser.get(`/myrecord/deposits/${d.id}`);
  assert.equal((await d.browser.post(`/myrecord/deposits/${d.id}/submit`, { agreement: 'yes' })).status, 303);
  return d;
}

describe('the author', () => {
  test('a logged-out visitor is sent to log in and comes back; the home links the service with its summary', async () => {
    const visitor = new TestBrowser(portal.url);
    const answer = await visitor.get('/myrecord/deposits');
    assert.equal(answer.status, 303);
    assert.match(answer.headers.get('location')!, /^\/login\?next=%2Fmyrecord%2Fdeposits$/);
    const { browser } = await patronOfType('postgraduate');
    const home = await browser.get('/myrecord');
    assert.match(
      home.text,
      /href="\/myrecord\/deposits">Institutional Research Archive Online Submission<\/a>\s*<span class="services__status">No deposits</,
    );
  });

  test('undergraduates and alumni are told why, see no button, and a POST makes nothing', async () => {
    for (const type of ['undergraduate', 'alumni'] as const) {
      const { browser, barcode } = await patronOfType(type);
      const list = await browser.get('/myrecord/deposits');
      assert.match(list.text, /Depositing in the research archive is for staff and postgraduate students/);
      assert.doesNotMatch(list.text, /New deposit/);
      assert.equal((await browser.post('/myrecord/deposits', {})).status, 422);
      assert.equal(
        prepare(db(), 'SELECT COUNT(*) FROM deposits d JOIN patrons p ON p.id = d.patron_id WHERE p.barcode = ?').pluck().get(barcode),
        0,
      );
    }
  });

  test('a draft is saved whole: every problem beside its field and nothing stored; corrected, 303 back to the same page', async () => {
    const { browser, id } = await draft();
    const page = await browser.get(`/myrecord/deposits/${id}`);
    assert.match(page.text, /<label for="title">Title<\/label>/);
    assert.match(page.text, /<button type="submit" class="button">Save draft<\/button>/);
    const bad = await browser.post(`/myrecord/deposits/${id}`, {
      ...described,
      authors: 'Chan | 0000-0002-1825-0098',
      doi: '11.1/x',
      year: '20x5',
      abstract: 'a'.repeat(5001),
      embargo_until: addDays(libraryDateOf(portal.clock.now()), 4 * 366),
      type: 'poem',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /role="alert"/);
    for (const words of [
      'Line 1: “0000-0002-1825-0098” is not a valid ORCID iD',
      'This is not a DOI',
      'Give the year as four digits',
      '“Abstract” can have at most 5,000 characters.',
      'An embargo can end at most 3 years ahead',
      'Choose one of the options for “Type”.',
    ])
      assert.ok(bad.text.includes(words), words);
    assert.match(bad.text, /id="authors-error"/);
    assert.equal(row(id).title, '');
    const saved = await browser.post(`/myrecord/deposits/${id}`, described);
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), `/myrecord/deposits/${id}`);
    assert.match((await browser.shown(saved)).text, /Your draft has been saved\./);
    assert.equal(row(id).doi, '10.1000/182');
    assert.deepEqual(prepare(db(), 'SELECT position, name, orcid FROM deposit_authors WHERE deposit_id = ? ORDER BY position').all(id), [
      { position: 1, name: 'Chan Tai Man', orcid: '0000-0002-1825-0097' },
      { position: 2, name: 'Maria Santos', orcid: null },
    ]);
  });

  test('a title and abstract typed, then a PDF chosen and uploaded: all three are kept; a description with problems keeps its words and the file out', async () => {
    const { browser, id } = await draft();
    const page = await browser.get(`/myrecord/deposits/${id}`);
    // The page's description and its file are one form: whichever button is pressed, both are sent.
    const form = new RegExp(
      `<form [^>]*action="/myrecord/deposits/${id}/file" enctype="multipart/form-data"[^>]*>((?:(?!</form>)[^])*)</form>`,
    ).exec(page.text);
    assert.ok(form, 'the upload form');
    for (const name of ['_csrf', 'title', 'abstract', 'file']) assert.match(form[1]!, new RegExp(`name="${name}"`), name);
    assert.ok(form[1]!.indexOf('name="abstract"') < form[1]!.indexOf('name="file"'), 'the description before the file');
    assert.match(form[1]!, />Save draft</);
    assert.match(form[1]!, />Upload</);

    // As the browser sends it: every field of the form, most of them left empty, then the file.
    const typed = (fields: Record<string, string>) => [
      ...Object.keys(described).map((name) => ({ name, value: fields[name] ?? '' })),
      pdfPart(minimalPdf('typed then uploaded')),
    ];
    const before = uploaded();
    const bad = await browser.upload(
      `/myrecord/deposits/${id}/file`,
      typed({ title: 'Ferries of Victoria Harbour', abstract: 'Crossings.', year: '20x5' }),
    );
    assert.equal(bad.status, 422);
    assert.match(bad.text, /role="alert"/);
    assert.match(bad.text, /Give the year as four digits/);
    assert.match(bad.text, /id="file-error"[^]*The PDF was not uploaded, because the description has problems/);
    assert.match(bad.text, /name="title" type="text" value="Ferries of Victoria Harbour"/);
    assert.match(bad.text, /<textarea id="abstract"[^>]*>Crossings\.<\/textarea>/);
    assert.deepEqual(uploaded(), before);
    assert.equal(row(id).title, '');

    const done = await browser.upload(
      `/myrecord/deposits/${id}/file`,
      typed({ title: 'Ferries of Victoria Harbour', abstract: 'Crossings & <tides>.' }),
    );
    assert.equal(done.status, 303);
    const shown = await browser.shown(done);
    assert.match(shown.text, /Your draft has been saved with its PDF: [\d.]+ KB/);
    assert.match(shown.text, /name="title" type="text" value="Ferries of Victoria Harbour"/);
    assert.match(shown.text, /<textarea id="abstract"[^>]*>Crossings &amp; &lt;tides&gt;\.<\/textarea>/);
    assert.equal(row(id).title, 'Ferries of Victoria Harbour');
    assert.equal(row(id).abstract, 'Crossings & <tides>.');
    assert.ok(uploaded().includes(row(id).file_name as string));

    // "Save draft" with no file chosen saves the description and keeps the file there is.
    const file = row(id).file_name;
    const saved = await browser.upload(`/myrecord/deposits/${id}/file`, [
      ...Object.keys(described).map((name) => ({ name, value: name === 'title' ? 'Ferries, revised' : '' })),
      { name: 'file', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
    ]);
    assert.equal(saved.status, 303);
    assert.match((await browser.shown(saved)).text, /Your draft has been saved\./);
    assert.equal(row(id).title, 'Ferries, revised');
    assert.equal(row(id).file_name, file);
  });

  test('submitting needs the required fields, the file and the agreement: 422 with each, nothing changes', async () => {
    const { browser, id } = await draft();
    const empty = await browser.post(`/myrecord/deposits/${id}/submit`, {});
    assert.equal(empty.status, 422);
    for (const words of [
      'Fill in “Title”.',
      'Fill in “Authors”.',
      'Fill in “Abstract”.',
      'Upload the PDF before you submit.',
      'Tick the box to accept the deposit agreement.',
    ])
      assert.ok(empty.text.includes(words), words);
    assert.equal(row(id).status, 'draft');
    await browser.post(`/myrecord/deposits/${id}`, described);
    await browser.get(`/myrecord/deposits/${id}`);
    await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('x'))]);
    await browser.get(`/myrecord/deposits/${id}`);
    const noTick = await browser.post(`/myrecord/deposits/${id}/submit`, {});
    assert.equal(noTick.status, 422);
    assert.doesNotMatch(noTick.text, /Upload the PDF before you submit/);
    const done = await browser.post(`/myrecord/deposits/${id}/submit`, { agreement: 'yes' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/myrecord/deposits');
    assert.match((await browser.shown(done)).text, /“Night Markets of Kowloon” has been submitted for review/);
    assert.equal(row(id).status, 'submitted');
    assert.ok(row(id).agreed_at);
  });

  test('nothing is editable while submitted or under review: save, upload and submit are 409 and change nothing', async () => {
    const { browser, id } = await submitted();
    const page = await browser.get(`/myrecord/deposits/${id}`);
    assert.match(page.text, /cannot be changed until it is decided/);
    assert.doesNotMatch(page.text, /name="title"/);
    assert.equal((await browser.post(`/myrecord/deposits/${id}`, { ...described, title: 'Changed' })).status, 409);
    const before = uploaded();
    assert.equal((await browser.upload(`/myrecord/deposits/${id}/file`, [pdfPart(minimalPdf('late'))])).status, 409);
    assert.deepEqual(uploaded(), before);
    assert.equal(row(id).title, 'Night Markets of Kowloon');
  });

  test("another patron's deposit, an unknown id and a malformed id are 404, for every route", async () => {
    const owner = await draft();
    const other = await patronOfType('staff');
    for (const path of [
      `/myrecord/deposits/${owner.id}`,
      '/myrecord/deposits/99999999',
      '/myrecord/deposits/abc',
      `/myrecord/deposits/${owner.id}/file`,
    ])
      assert.equal((await other.browser.get(path)).status, 404, path);
    assert.equal((await other.browser.post(`/myrecord/deposits/${owner.id}`, described)).status, 404);
    assert.equal((await other.browser.post(`/myrecord/deposits/${owner.id}/submit`, { agreement: 'yes' })).status, 404);
    const before = uploaded();
    assert.equal((await other.browser.upload(`/myrecord/deposits/${owner.id}/file`, [pdfPart(minimalPdf('not yours'))])).status, 404);
    assert.deepEqual(uploaded(), before);
    assert.equal(row(owner.id).file_name, null);
  });
});

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
