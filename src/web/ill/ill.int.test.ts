/**
 * Interlibrary Loan Request over HTTP: every answer of its routes, the rules of
 * who may ask for what, the staff's status flow with its mail and audit, the upload with its
 * checks (the CSRF field before the file, the first bytes, the limit) and the counted download.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import http from 'node:http';
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
import { formatFileSize } from '../http/file-size.js';
import { t } from '../../messages/index.js';
import { libraryDateOf, addDays } from '../../domain/circulation/library-date.js';
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
const future = () => addDays(libraryDateOf(portal.clock.now()), 30);
let nextBarcode = 22000001;

/** A new patron of a type, logged in on a PIN of their own. */
async function patronOfType(
  type: 'undergraduate' | 'postgraduate' | 'staff' | 'alumni',
): Promise<{ browser: TestBrowser; barcode: string; email: string }> {
  const barcode = String(nextBarcode++);
  const email = `p${barcode}@example.edu`;
  const browser = await registeredPatronIn(portal, { barcode, name: `Test Patron ${barcode}`, email, type, landing: '/myrecord/ill' });
  return { browser, barcode, email };
}

const staffBrowser = (username: string): Promise<TestBrowser> => demoStaffIn(portal, username);

const article = {
  source_title: 'Journal of Asian Studies',
  article_title: 'Night Markets of Kowloon',
  year: '2018',
  pages: '12-30',
  issn_doi: '0021-9118',
  copyright_declaration: 'yes',
};
const idOfNewest = (barcode: string) =>
  prepare(db(), 'SELECT r.id FROM ill_requests r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = ? ORDER BY r.id DESC LIMIT 1')
    .pluck()
    .get(barcode) as number;
const statusOf = (id: number) => prepare(db(), 'SELECT status FROM ill_requests WHERE id = ?').pluck().get(id) as string;
const auditOf = (action: string) =>
  prepare(db(), 'SELECT detail FROM audit_log WHERE action = ? ORDER BY id').pluck().all(action) as string[];

/** An article request moved to "sent" by ILL staff: ready for its copy. */
async function sentArticle(): Promise<{ id: number; patron: Awaited<ReturnType<typeof patronOfType>>; desk: TestBrowser }> {
  const patron = await patronOfType('postgraduate');
  await patron.browser.get('/myrecord/ill/new?kind=article');
  assert.equal((await patron.browser.post('/myrecord/ill/new?kind=article', article)).status, 303);
  const id = idOfNewest(patron.barcode);
  const desk = await staffBrowser('ill');
  await desk.get('/staff/ill');
  assert.equal((await desk.post(`/staff/ill/${id}/status`, { status: 'sent', lender: 'British Library On Demand' })).status, 303);
  await desk.get('/staff/ill?status=sent');
  return { id, patron, desk };
}

describe("the patron's pages", () => {
  test('a logged-out visitor asking for the requests is sent to log in, and comes back after', async () => {
    const visitor = new TestBrowser(portal.url);
    const answer = await visitor.get('/myrecord/ill');
    assert.equal(answer.status, 303);
    assert.match(answer.headers.get('location')!, /^\/login\?next=%2Fmyrecord%2Fill$/);
  });

  test('a postgraduate sees the quota and both links; the home links the service with its summary', async () => {
    const { browser } = await patronOfType('postgraduate');
    const list = await browser.get('/myrecord/ill');
    assert.equal(list.status, 200);
    assert.match(list.text, /You have 0 of 30 open requests allowed at any one time\./);
    assert.match(list.text, /href="\/myrecord\/ill\/new\?kind=book">Request a book</);
    assert.match(list.text, /href="\/myrecord\/ill\/new\?kind=article">Request an article copy</);
    const home = await browser.get('/myrecord');
    assert.match(
      home.text,
      /href="\/myrecord\/ill">Interlibrary Loan Request<\/a>\s*<span class="services__status">No requests in progress</,
    );
    assert.match((await browser.get('/myrecord/ill/new?kind=book')).text, /You have 0 of 30 open requests/);
  });

  test('an unknown kind of form is a 404', async () => {
    const { browser } = await patronOfType('postgraduate');
    assert.equal((await browser.get('/myrecord/ill/new?kind=film')).status, 404);
    assert.equal((await browser.get('/myrecord/ill/new')).status, 404);
    assert.equal((await browser.post('/myrecord/ill/new?kind=film', { title: 'x' })).status, 404);
  });

  test('alumni are told the service is not for them and shown no form; a POST is 422 and stores nothing', async () => {
    const { browser, barcode } = await patronOfType('alumni');
    const list = await browser.get('/myrecord/ill');
    assert.match(list.text, /alumni cannot make requests/);
    assert.doesNotMatch(list.text, /Request a book|Request an article copy/);
    const form = await browser.get('/myrecord/ill/new?kind=article');
    assert.equal(form.status, 200);
    assert.match(form.text, /alumni cannot make requests/);
    assert.doesNotMatch(form.text, /name="source_title"/);
    const posted = await browser.post('/myrecord/ill/new?kind=article', article);
    assert.equal(posted.status, 422);
    assert.match(posted.text, /alumni cannot make requests/);
    assert.equal(
      prepare(db(), 'SELECT COUNT(*) FROM ill_requests r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = ?').pluck().get(barcode),
      0,
    );
  });

  test('an undergraduate may ask for copies only: the book form says so, a book POST is 422', async () => {
    const { browser } = await patronOfType('undergraduate');
    const list = await browser.get('/myrecord/ill');
    assert.match(list.text, /You have 0 of 15 open requests/);
    assert.doesNotMatch(list.text, /kind=book/);
    const form = await browser.get('/myrecord/ill/new?kind=book');
    assert.match(form.text, /books from other libraries are lent to postgraduates and staff only/);
    assert.doesNotMatch(form.text, /name="title"/);
    const posted = await browser.post('/myrecord/ill/new?kind=book', { title: 'A Book', not_needed_after: future() });
    assert.equal(posted.status, 422);
    assert.equal((await browser.post('/myrecord/ill/new?kind=article', article)).status, 303);
  });

  test('a book form with problems is 422 with every one beside its field and in the alert; corrected, it is 303 and listed with its history', async () => {
    const { browser, barcode } = await patronOfType('postgraduate');
    await browser.get('/myrecord/ill/new?kind=book');
    const bad = await browser.post('/myrecord/ill/new?kind=book', {
      title: '',
      isbn: '978-0-306-40615-8',
      year: '3000',
      not_needed_after: '2020-01-01',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /role="alert"/);
    for (const words of [
      'Fill in “Title”.',
      'This is not a valid ISBN',
      'The year cannot be in the future.',
      'The date must be after today.',
    ])
      assert.ok(bad.text.includes(words), words);
    assert.match(bad.text, /id="isbn" name="isbn" type="text" value="978-0-306-40615-8"/);
    assert.match(bad.text, /aria-invalid="true"/);
    const done = await browser.post('/myrecord/ill/new?kind=book', {
      title: 'Hong Kong Tramways <1904>',
      author: 'Leung',
      isbn: '0-306-40615-2',
      not_needed_after: future(),
    });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/myrecord/ill');
    const list = await browser.shown(done);
    assert.match(list.text, /Your request for “Hong Kong Tramways &lt;1904&gt;” has been sent to the library/);
    assert.match(list.text, /Submitted: waiting for the library/);
    assert.match(list.text, /Cancel request/);
    const id = idOfNewest(barcode);
    assert.equal(prepare(db(), 'SELECT isbn FROM ill_requests WHERE id = ?').pluck().get(id), '9780306406157');
    assert.deepEqual(
      portal.portal.repos.history.of('ill', id).map((h) => [h.status, h.staffUsername]),
      [['submitted', null]],
    );
  });

  test('held here: a book with a copy on the shelf is refused with a link to its record; with every copy out a Book Request is suggested, and the tick goes on', async () => {
    const { browser, barcode } = await patronOfType('staff');
    const onShelf = prepare(
      db(),
      "SELECT r.id, r.isbn, r.title FROM records r JOIN copies c ON c.record_id = r.id WHERE c.status = 'available' LIMIT 1",
    ).get() as { id: number; isbn: string; title: string };
    await browser.get('/myrecord/ill/new?kind=book');
    const refused = await browser.post('/myrecord/ill/new?kind=book', {
      title: onShelf.title,
      isbn: onShelf.isbn,
      not_needed_after: future(),
    });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /a copy is on the shelf now, so we will not ask another library for it: borrow it here/);
    assert.match(refused.text, new RegExp(`href="/catalogue/${onShelf.id}"`));
    assert.doesNotMatch(refused.text, /name="confirm_on_loan"/);

    const out = prepare(db(), "SELECT id, isbn FROM records WHERE title = 'Crime and Punishment'").get() as { id: number; isbn: string };
    assert.equal(prepare(db(), "SELECT COUNT(*) FROM copies WHERE record_id = ? AND status = 'available'").pluck().get(out.id), 0);
    const suggested = await browser.post('/myrecord/ill/new?kind=book', {
      title: 'Crime and Punishment',
      isbn: out.isbn,
      not_needed_after: future(),
    });
    assert.equal(suggested.status, 422);
    assert.match(suggested.text, /every copy is on loan/);
    assert.match(suggested.text, new RegExp(`href="/catalogue/${out.id}">Place a Book Request`));
    assert.match(suggested.text, /name="confirm_on_loan"/);
    const before: unknown = prepare(db(), 'SELECT COUNT(*) FROM ill_requests').pluck().get();
    assert.equal(prepare(db(), 'SELECT COUNT(*) FROM ill_requests').pluck().get(), before);
    const goneOn = await browser.post('/myrecord/ill/new?kind=book', {
      title: 'Crime and Punishment',
      isbn: out.isbn,
      not_needed_after: future(),
      confirm_on_loan: 'yes',
    });
    assert.equal(goneOn.status, 303);
    assert.equal(prepare(db(), 'SELECT title FROM ill_requests WHERE id = ?').pluck().get(idOfNewest(barcode)), 'Crime and Punishment');
  });

  test('held here by title and author alone: "Oliver Twist" by "Charles Dickens", three copies on the shelf, is refused every time, with the record linked and the message beside the title', async () => {
    const { browser, barcode } = await patronOfType('postgraduate');
    const record = prepare(db(), "SELECT id FROM records WHERE title = 'Oliver Twist'").pluck().get() as number;
    assert.equal(prepare(db(), "SELECT COUNT(*) FROM copies WHERE record_id = ? AND status = 'available'").pluck().get(record), 3);
    await browser.get('/myrecord/ill/new?kind=book');
    // As patrons type it: no ISBN, the author first name first, the title in any case.
    const typed: Array<[string, string]> = [
      ['Oliver Twist', 'Charles Dickens'],
      ['oliver twist', 'Dickens, Charles'],
      ['OLIVER TWIST!', 'charles  dickens'],
    ];
    for (const [title, author] of typed) {
      const refused = await browser.post('/myrecord/ill/new?kind=book', { title, author, not_needed_after: future() });
      assert.equal(refused.status, 422, title);
      assert.match(refused.text, /role="alert"[^]*The library holds “Oliver Twist” and a copy is on the shelf now/);
      assert.match(refused.text, new RegExp(`href="/catalogue/${record}">See “Oliver Twist” in the catalogue<`));
      assert.match(refused.text, /id="title-error">\s*<li>This book is on the shelf here\.<\/li>/);
      assert.doesNotMatch(refused.text, /name="confirm_on_loan"/);
    }
    assert.equal(
      prepare(db(), 'SELECT COUNT(*) FROM ill_requests r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = ?').pluck().get(barcode),
      0,
    );

    // Every copy out, matched by title and author too: the Book Request first, then the tick goes on.
    const out = prepare(db(), "SELECT id FROM records WHERE title = 'Crime and Punishment'").pluck().get() as number;
    const crime = { title: 'Crime and Punishment', author: 'Fyodor Dostoyevsky', not_needed_after: future() };
    const suggested = await browser.post('/myrecord/ill/new?kind=book', crime);
    assert.equal(suggested.status, 422);
    assert.match(suggested.text, new RegExp(`href="/catalogue/${out}">Place a Book Request`));
    assert.equal((await browser.post('/myrecord/ill/new?kind=book', { ...crime, confirm_on_loan: 'yes' })).status, 303);

    // Another author's book of the same title is not ours: it goes to another library.
    assert.equal(
      (
        await browser.post('/myrecord/ill/new?kind=book', {
          title: 'Oliver Twist',
          author: 'Some Other Writer',
          not_needed_after: future(),
        })
      ).status,
      303,
    );
  });

  test('the same item asked for again while the first request is open is refused with a link to it; once that one is cancelled it may be asked again', async () => {
    const { browser, barcode } = await patronOfType('postgraduate');
    const mine = () =>
      prepare(db(), 'SELECT COUNT(*) FROM ill_requests r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = ?')
        .pluck()
        .get(barcode) as number;
    await browser.get('/myrecord/ill/new?kind=book');
    const book = { title: 'The Hungry Tide', author: 'Amitav Ghosh', not_needed_after: future() };
    assert.equal((await browser.post('/myrecord/ill/new?kind=book', book)).status, 303);
    const first = idOfNewest(barcode);
    const again = await browser.post('/myrecord/ill/new?kind=book', { ...book, title: 'the hungry tide.', author: 'Ghosh, Amitav' });
    assert.equal(again.status, 422);
    assert.match(
      again.text,
      /role="alert"[^]*You already have an open request for “The Hungry Tide”: the library is working on it, so this second one was not sent\./,
    );
    assert.match(again.text, new RegExp(`href="/myrecord/ill#request-${first}">See your request for “The Hungry Tide”<`));
    assert.match(again.text, /name="title" type="text" value="the hungry tide\."/);
    assert.equal(mine(), 1);

    // An article: the same one again is refused; another article of the same journal is not.
    await browser.get('/myrecord/ill/new?kind=article');
    assert.equal((await browser.post('/myrecord/ill/new?kind=article', article)).status, 303);
    const twice = await browser.post('/myrecord/ill/new?kind=article', { ...article, article_title: 'night markets of kowloon' });
    assert.equal(twice.status, 422);
    assert.match(twice.text, /You already have an open request for “Night Markets of Kowloon”/);
    assert.equal(
      (await browser.post('/myrecord/ill/new?kind=article', { ...article, article_title: 'Ferries of Victoria Harbour' })).status,
      303,
    );
    assert.equal(mine(), 3);

    await browser.get('/myrecord/ill');
    assert.equal((await browser.post(`/myrecord/ill/${first}/cancel`, {})).status, 303);
    await browser.get('/myrecord/ill/new?kind=book');
    assert.equal((await browser.post('/myrecord/ill/new?kind=book', book)).status, 303);
    assert.equal(mine(), 4);
  });

  test('an article copy needs the copyright declaration ticked: without it 422 and nothing stored; its four statements are shown above the box', async () => {
    const { browser, barcode } = await patronOfType('undergraduate');
    const form = await browser.get('/myrecord/ill/new?kind=article');
    for (const words of [
      'for the purposes of research or private study only',
      'no other copy of the same material has been supplied to me',
      'more than a reasonable part of any work',
      'an infringing copy and I am liable',
    ])
      assert.ok(form.text.includes(words), words);
    assert.match(form.text, /<label for="copyright_declaration">I make the copyright declaration above<\/label>/);
    const { copyright_declaration: _, ...undeclared } = article;
    const refused = await browser.post('/myrecord/ill/new?kind=article', undeclared);
    assert.equal(refused.status, 422);
    assert.match(refused.text, /Tick the box to make the copyright declaration/);
    assert.equal(
      prepare(db(), 'SELECT COUNT(*) FROM ill_requests r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = ?').pluck().get(barcode),
      0,
    );
    assert.equal((await browser.post('/myrecord/ill/new?kind=article', article)).status, 303);
    assert.ok(prepare(db(), 'SELECT declared_at FROM ill_requests WHERE id = ?').pluck().get(idOfNewest(barcode)));
  });

  test('the quota is read from ill_limits: at it, the next request is 422 with the numbers in words', async () => {
    const { browser } = await patronOfType('undergraduate');
    await browser.get('/myrecord/ill/new?kind=article');
    prepare(db(), "UPDATE ill_limits SET open_allowed = 2 WHERE patron_type = 'undergraduate'").run();
    try {
      // Different articles each time: the same one again would be refused as asked already.
      const numbered = (i: number) => ({ ...article, article_title: `Night Markets of Kowloon, part ${i}` });
      for (let i = 1; i <= 2; i++) assert.equal((await browser.post('/myrecord/ill/new?kind=article', numbered(i))).status, 303);
      const refused = await browser.post('/myrecord/ill/new?kind=article', numbered(3));
      assert.equal(refused.status, 422);
      assert.match(refused.text, /You have 2 open requests, the most you may have at once \(2\)/);
      assert.match((await browser.get('/myrecord/ill')).text, /You have 2 of 2 open requests/);
    } finally {
      prepare(db(), "UPDATE ill_limits SET open_allowed = 15 WHERE patron_type = 'undergraduate'").run();
    }
  });

  test('asking and cancelling in a loop ends: past twice the open quota made in 30 days, the next request is 422 and says when', async () => {
    const { browser, barcode } = await patronOfType('undergraduate');
    await browser.get('/myrecord/ill/new?kind=article');
    prepare(db(), "UPDATE ill_limits SET open_allowed = 1 WHERE patron_type = 'undergraduate'").run();
    try {
      for (let i = 0; i < 2; i++) {
        assert.equal((await browser.post('/myrecord/ill/new?kind=article', article)).status, 303);
        await browser.get('/myrecord/ill');
        assert.equal((await browser.post(`/myrecord/ill/${idOfNewest(barcode)}/cancel`, {})).status, 303);
        await browser.get('/myrecord/ill/new?kind=article');
      }
      const refused = await browser.post('/myrecord/ill/new?kind=article', article);
      assert.equal(refused.status, 422);
      assert.match(refused.text, /You have made 2 requests in the last 30 days, cancelled ones included/);
    } finally {
      prepare(db(), "UPDATE ill_limits SET open_allowed = 15 WHERE patron_type = 'undergraduate'").run();
    }
  });

  test('a form field sent twice, or far too long, is 422 with words, never a fault', async () => {
    const { browser } = await patronOfType('postgraduate');
    await browser.get('/myrecord/ill/new?kind=book');
    assert.equal((await browser.post('/myrecord/ill/new?kind=book', { title: ['a', 'b'], not_needed_after: future() })).status, 422);
    const long = await browser.post('/myrecord/ill/new?kind=book', { title: 'x'.repeat(5000), not_needed_after: future() });
    assert.equal(long.status, 422);
    assert.match(long.text, /is too long/);
  });

  test("cancel while submitted: 303 with a notice and a history step; again, the notice says it can no longer be; another patron's or an unknown id is 404", async () => {
    const owner = await patronOfType('postgraduate');
    assert.equal((await owner.browser.post('/myrecord/ill/new?kind=article', article)).status, 303);
    const id = idOfNewest(owner.barcode);
    const other = await patronOfType('postgraduate');
    assert.equal((await other.browser.post(`/myrecord/ill/${id}/cancel`, {})).status, 404);
    assert.equal((await owner.browser.post('/myrecord/ill/99999999/cancel', {})).status, 404);
    assert.equal((await owner.browser.post('/myrecord/ill/abc/cancel', {})).status, 404);
    assert.equal((await owner.browser.post(`/myrecord/ill/${id}/cancel`, {}, { csrf: null })).status, 403);
    const cancelled = await owner.browser.post(`/myrecord/ill/${id}/cancel`, {});
    assert.equal(cancelled.status, 303);
    assert.match((await owner.browser.shown(cancelled)).text, /Your request for “Night Markets of Kowloon” was cancelled\./);
    assert.equal(statusOf(id), 'cancelled');
    assert.deepEqual(
      portal.portal.repos.history.of('ill', id).map((h) => h.status),
      ['submitted', 'cancelled'],
    );
    const again = await owner.browser.post(`/myrecord/ill/${id}/cancel`, {});
    assert.match((await owner.browser.shown(again)).text, /can no longer be cancelled/);
  });
});

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

describe('the copy: upload and download', () => {
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
