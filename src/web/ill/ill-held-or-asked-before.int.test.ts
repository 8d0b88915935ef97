/**
 * Interlibrary Loan Request over HTTP, what is refused before it reaches staff: a book the library
 * holds (on the shelf, or every copy out), the same item asked for again while open, and the
 * patron's own cancelling of a submitted request.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestPortal } from '../../test-support/test-portal.js';
import { ILL_ARTICLE as article, illHelpers, startIllPortal } from '../../test-support/ill-journeys.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let close: () => Promise<void>;
before(async () => {
  ({ portal, close } = await startIllPortal());
});
after(() => close());

const { db, future, patronOfType, idOfNewest, statusOf } = illHelpers(() => portal);

describe("the patron's pages", () => {
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
