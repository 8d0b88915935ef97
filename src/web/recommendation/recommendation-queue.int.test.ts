/**
 * Book Recommendation over HTTP (docs/rules.md §8): the acquisitions queue, its filters and its
 * status changes, one or several at once, with the mail to every supporter and the Book Request
 * placed for those who asked when the book is available.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestBrowser } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { recommendationHelpers, startRecommendationPortal, type RecommendationPortal } from '../../test-support/recommendation-journeys.js';
import { prepare } from '../../test-support/raw-sql.js';

let started: RecommendationPortal;
let smtp: TestSmtp;
let wong: TestBrowser;
let chan: TestBrowser;
let maria: TestBrowser;
let desk: TestBrowser;
before(async () => {
  started = await startRecommendationPortal();
  ({ smtp, wong, chan, maria, desk } = started);
  // "Supported Book": Chan's recommendation, which Maria supports and asks to have requested for her when it arrives.
  assert.equal((await recommend(chan, { title: 'Supported Book', author: 'Lee, Mei' })).status, 303);
  assert.equal(
    (await recommend(maria, { title: 'SUPPORTED  book!', author: 'Mei Lee', request_when_available: 'yes', pickup: '2' })).status,
    303,
  );
});
after(() => started.close());

const { db, idOf, statusOf, isbnOf, recordIdOf, decoded, recommend, change } = recommendationHelpers(() => started);

describe('the acquisitions queue', () => {
  test('filters by status, sorts by supporters, shows the supporters count, details and history', async () => {
    const submitted = await desk.get('/staff/recommendations?status=submitted&sort=supporters');
    assert.equal(submitted.status, 200);
    assert.doesNotMatch(submitted.text, /Thinking, Fast and Slow/);
    const first = /<article class="card recommendation"[\s\S]*?<h2[^>]*>([^<]+)<\/h2>[\s\S]*?(\d+) supporters?/.exec(submitted.text);
    assert.ok(first);
    assert.ok(Number(first[2]) >= 2, `the most supported first: ${first[1]} has ${first[2]}`);
    const rejected = await desk.get('/staff/recommendations?status=rejected');
    assert.match(rejected.text, /The Art of Computer Programming[\s\S]*?Reason: Too expensive/);
    assert.match(rejected.text, /Recommended by Maria Santos \(21000002\)/);
    assert.equal((await desk.get('/staff/recommendations?status=nonsense&sort=1&page=99999999999999999999')).status, 200);
  });

  test('accepting one mails every supporter, writes the audit log and the history, and the patron sees it', async () => {
    const id = idOf('Supported Book')!;
    const answer = await change(id, { status: 'accepted' });
    assert.equal(answer.status, 303);
    assert.match((await desk.shown(answer)).text, /“Supported Book” is now “Accepted”; its supporters have been e-mailed\./);
    for (const to of ['tai-man.chan@example.edu', 'maria.santos@example.edu']) {
      const mail = await smtp.waitFor((m) => m.to.includes(to) && m.subject === 'Your book recommendation “Supported Book”: Accepted');
      assert.match(mail.text, /The book recommendation “Supported Book” is now: Accepted\./);
    }
    const audit = prepare(
      db(),
      "SELECT a.detail, s.username, p.barcode, a.client_address FROM audit_log a JOIN staff s ON s.id = a.staff_id JOIN patrons p ON p.id = a.patron_id WHERE a.action = 'recommendation.status-changed' AND a.detail LIKE ?",
    ).get(`${id} %`) as Record<string, string>;
    assert.equal(audit.username, 'acquisitions');
    assert.equal(audit.barcode, '21000001');
    assert.equal(audit.detail, `${id} "Supported Book": accepted (2 mailed)`);
    assert.ok(audit.client_address);
    assert.match((await maria.get('/myrecord/recommendations')).text, /Supported Book[\s\S]*?Accepted[\s\S]*?by the library/);
  });

  test('a step that does not follow (submitted to available, accepted to accepted) is 422 and changes nothing', async () => {
    const id = idOf('Supported Book')!;
    const answer = await change(id, { status: 'accepted' });
    assert.equal(answer.status, 422);
    assert.match(decoded(answer.text), /“Supported Book” is “Accepted”: it cannot become “Accepted” from there\./);
    assert.equal((await change(99999999, { status: 'accepted' })).status, 404);
    assert.equal((await change(Number.NaN, { status: 'accepted' })).status, 404);
  });

  test('a rejection needs a reason, and "other" a note: 422 beside the fields; then the reason is mailed', async () => {
    assert.equal((await recommend(chan, { title: 'Rejected Book' })).status, 303);
    const id = idOf('Rejected Book')!;
    const noReason = await change(id, { status: 'rejected' });
    assert.equal(noReason.status, 422);
    assert.match(noReason.text, new RegExp(`id="reason-${id}-error"[^>]*><li>Choose the reason for not accepting it\\.`));
    const noNote = await change(id, { status: 'rejected', reason: 'other' });
    assert.equal(noNote.status, 422);
    assert.match(noNote.text, /Write the reason in the note/);
    assert.equal(statusOf(id), 'submitted');
    assert.equal((await change(id, { status: 'rejected', reason: 'policy', note: 'We collect only <academic> titles.' })).status, 303);
    const mail = await smtp.waitFor((m) => m.subject === 'Your book recommendation “Rejected Book”: Not accepted');
    assert.match(mail.text, /The library will not buy “Rejected Book”\. Reason: Outside the collection policy\./);
    assert.match(mail.text, /Note from the library: We collect only <academic> titles\./);
    const list = await chan.get('/myrecord/recommendations');
    assert.match(list.text, /Rejected Book[\s\S]*?Reason: Outside the collection policy[\s\S]*?We collect only &lt;academic&gt; titles\./);
  });

  test('several ticked at once: a rejection without a reason is 422; with one, each changes, the closed ones are reported', async () => {
    for (const title of ['Bulk One', 'Bulk Two']) assert.equal((await recommend(wong, { title })).status, 303);
    const ids = ['Bulk One', 'Bulk Two'].map((t) => String(idOf(t)));
    const closed = String(idOf('Rejected Book'));
    await desk.get('/staff/recommendations');
    const noReason = await desk.post('/staff/recommendations/status', {
      id: ids,
      status: 'rejected',
      reason: '',
      note: '',
      record_isbn: '',
    });
    assert.equal(noReason.status, 422);
    assert.match(noReason.text, /id="reason-bulk-error"/);
    assert.match(noReason.text, new RegExp(`id="tick-${ids[0]}" name="id" value="${ids[0]}" form="bulk-form" checked`));
    assert.deepEqual(
      ids.map((id) => statusOf(Number(id))),
      ['submitted', 'submitted'],
    );
    const none = await desk.post('/staff/recommendations/status', { status: 'accepted', reason: '', note: '', record_isbn: '' });
    assert.equal(none.status, 422);
    assert.match(none.text, /Tick at least one recommendation to change\./);
    const done = await desk.post('/staff/recommendations/status', {
      id: [...ids, closed, '99999999'],
      status: 'rejected',
      reason: 'out_of_print',
      note: '',
      record_isbn: '',
    });
    assert.equal(done.status, 303);
    assert.match(
      (await desk.shown(done)).text,
      /2 recommendations are now “Not accepted”, and their supporters have been e-mailed\. 2 could not take that status and were left as they were\./,
    );
    assert.deepEqual(
      ids.map((id) => statusOf(Number(id))),
      ['rejected', 'rejected'],
    );
    assert.equal(
      prepare(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'recommendation.status-changed' AND detail LIKE '%\"Bulk %: rejected%'")
        .pluck()
        .get(),
      2,
    );
  });

  test('"available" needs a catalogue record by its ISBN (422 if none), then requests it for every supporter who asked', async () => {
    // Chan recommends a new copy of War and Peace (every copy on loan), asking for a request; Maria supports it and asks too.
    const warAndPeace = isbnOf('War and Peace');
    assert.equal(
      (await recommend(chan, { title: 'War and Peace, new translation', author: 'Tolstoy', request_when_available: 'yes', pickup: '1' }))
        .status,
      303,
    );
    assert.equal(
      (await recommend(wong, { title: 'war and peace new translation', author: 'Tolstoy', request_when_available: 'yes', pickup: '2' }))
        .status,
      303,
    );
    const id = idOf('War and Peace, new translation')!;
    assert.equal((await change(id, { status: 'accepted' })).status, 303);
    assert.equal((await change(id, { status: 'ordered' })).status, 303);
    const missing = await change(id, { status: 'available' });
    assert.equal(missing.status, 422);
    assert.match(missing.text, /Enter the ISBN of the catalogue record\./);
    const unknown = await change(id, { status: 'available', record_isbn: '978-0-306-40615-7' });
    assert.equal(unknown.status, 422);
    assert.match(unknown.text, /No catalogue record has that ISBN/);
    assert.equal(statusOf(id), 'ordered');
    const done = await change(id, { status: 'available', record_isbn: warAndPeace });
    assert.equal(done.status, 303);
    assert.match((await desk.shown(done)).text, /2 requests were placed for supporters\./);
    assert.equal(prepare(db(), 'SELECT record_id FROM recommendations WHERE id = ?').pluck().get(id), recordIdOf('War and Peace'));
    const circulation = await chan.get('/myrecord/circulation');
    assert.match(circulation.text, /War and Peace<\/a><\/td>\s*<td data-label="Pickup location">Main Library/);
    const mail = await smtp.waitFor(
      (m) =>
        m.to.includes('tai-man.chan@example.edu') &&
        m.subject === 'Your book recommendation “War and Peace, new translation”: Available in the library',
    );
    assert.match(mail.text, /we have requested it for you as you asked: you are number 1 in the queue, for pickup at Main Library/);
    assert.match((await chan.get('/myrecord/recommendations')).text, /href="\/catalogue\/\d+">See it in the catalogue/);
  });

  test('a request refused under the usual rules is told in the mail, in words', async () => {
    // A copy of Emma is on the shelf: a request for it is refused ("borrow it at the counter").
    assert.equal((await recommend(chan, { title: 'Emma, annotated edition', request_when_available: 'yes', pickup: '1' })).status, 303);
    const id = idOf('Emma, annotated edition')!;
    for (const status of ['accepted', 'ordered']) assert.equal((await change(id, { status })).status, 303);
    assert.equal((await change(id, { status: 'available', record_isbn: isbnOf('Emma') })).status, 303);
    const mail = await smtp.waitFor(
      (m) =>
        m.to.includes('tai-man.chan@example.edu') &&
        m.subject === 'Your book recommendation “Emma, annotated edition”: Available in the library',
    );
    assert.match(
      mail.text,
      /We tried to request it for you as you asked, but the request was refused for this reason:\s+A copy is on the shelf: borrow it at the counter instead of requesting it\./,
    );
    assert.equal(
      prepare(db(), "SELECT COUNT(*) FROM requests q JOIN patrons p ON p.id = q.patron_id WHERE p.barcode = '21000001' AND q.record_id = ?")
        .pluck()
        .get(recordIdOf('Emma')),
      0,
    );
  });
});
