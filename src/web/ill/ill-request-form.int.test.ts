/**
 * Interlibrary Loan Request over HTTP, the patron asking: who may ask for what, the two forms with
 * every problem beside its field, the copyright declaration, and the quota of open requests and of
 * the last 30 days.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { ILL_ARTICLE as article, illHelpers, startIllPortal } from '../../test-support/ill-journeys.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let close: () => Promise<void>;
before(async () => {
  ({ portal, close } = await startIllPortal());
});
after(() => close());

const { db, future, patronOfType, idOfNewest } = illHelpers(() => portal);

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
});
