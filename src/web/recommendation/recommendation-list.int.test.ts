/** Book Recommendation over HTTP (docs/rules.md §8): the patron's list of his recommendations, and cancelling or withdrawing from one. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestBrowser } from '../../test-support/test-portal.js';
import { recommendationHelpers, startRecommendationPortal, type RecommendationPortal } from '../../test-support/recommendation-journeys.js';
import { prepare } from '../../test-support/raw-sql.js';

let started: RecommendationPortal;
let wong: TestBrowser;
let chan: TestBrowser;
let maria: TestBrowser;
before(async () => {
  started = await startRecommendationPortal();
  ({ wong, chan, maria } = started);
});
after(() => started.close());

const { db, idOf, supportersOf, statusOf, decoded, recommend } = recommendationHelpers(() => started);

describe('his list and cancelling', () => {
  test('shows each with status in words, date, supporters, the whole history with reasons; the demo rejection with its reason and note', async () => {
    const list = await maria.get('/myrecord/recommendations');
    assert.equal(list.status, 200);
    assert.match(list.text, /Recommend a book/);
    assert.match(
      list.text,
      /The Art of Computer Programming[\s\S]*?Not accepted[\s\S]*?Reason: Too expensive[\s\S]*?Note from the library: The boxed set/,
    );
    assert.match(
      decoded(list.text),
      /Gödel, Escher, Bach[\s\S]*?Ordered[\s\S]*?<ol class="history"[\s\S]*?Submitted[\s\S]*?Accepted[\s\S]*?Ordered/,
    );
  });

  test('cancels his submitted recommendation: 303, "Cancelled" in its history; then it is closed', async () => {
    assert.equal((await recommend(wong, { title: 'To Be Cancelled' })).status, 303);
    const id = idOf('To Be Cancelled')!;
    const list = await wong.get('/myrecord/recommendations');
    assert.ok(list.text.includes(`action="/myrecord/recommendations/${id}/cancel"`));
    const answer = await wong.post(`/myrecord/recommendations/${id}/cancel`, {});
    assert.equal(answer.status, 303);
    assert.equal(statusOf(id), 'cancelled');
    assert.match((await wong.shown(answer)).text, /Your recommendation of “To Be Cancelled” is cancelled\./);
    assert.equal(
      prepare(
        db(),
        "SELECT COUNT(*) FROM status_history WHERE subject = 'recommendation' AND subject_id = ? AND status = 'cancelled' AND staff_id IS NULL",
      )
        .pluck()
        .get(id),
      1,
    );
    await wong.get('/myrecord/recommendations');
    assert.equal((await wong.post(`/myrecord/recommendations/${id}/cancel`, {})).status, 422);
    // The same book may be recommended again once the first is closed.
    assert.equal((await recommend(wong, { title: 'To Be Cancelled' })).status, 303);
  });

  test('once accepted it cannot be cancelled: 422 and he is told why', async () => {
    const accepted = prepare(db(), "SELECT id FROM recommendations WHERE title = 'Thinking, Fast and Slow'").pluck().get() as number;
    await wong.get('/myrecord/recommendations');
    const answer = await wong.post(`/myrecord/recommendations/${accepted}/cancel`, {});
    assert.equal(answer.status, 422);
    assert.match(answer.text, /can no longer be cancelled: the library has already acted on it/);
    assert.equal(statusOf(accepted), 'accepted');
  });

  test('another patron’s recommendation, an unknown id or no number: 404', async () => {
    const wongs = prepare(db(), "SELECT id FROM recommendations WHERE title = 'Thinking, Fast and Slow'").pluck().get() as number;
    await chan.get('/myrecord/recommendations');
    for (const path of [
      `/myrecord/recommendations/${wongs}/cancel`,
      '/myrecord/recommendations/99999999/cancel',
      '/myrecord/recommendations/abc/cancel',
      '/myrecord/recommendations/1e3/cancel',
    ]) {
      assert.equal((await chan.post(path, {})).status, 404, path);
    }
    assert.equal(statusOf(wongs), 'accepted');
  });

  test('a recommender who withdraws while others support it leaves it open for them', async () => {
    assert.equal((await recommend(wong, { title: 'Shared Then Withdrawn' })).status, 303);
    assert.equal((await recommend(chan, { title: 'Shared Then Withdrawn' })).status, 303);
    const id = idOf('Shared Then Withdrawn')!;
    await wong.get('/myrecord/recommendations');
    const answer = await wong.post(`/myrecord/recommendations/${id}/cancel`, {});
    assert.equal(answer.status, 303);
    assert.match(
      (await wong.shown(answer)).text,
      /You no longer support the recommendation of “Shared Then Withdrawn”; it stays open for its other supporters\./,
    );
    assert.equal(statusOf(id), 'submitted');
    assert.equal(supportersOf(id), 1);
    assert.equal(
      prepare(db(), 'SELECT p.barcode FROM recommendations r JOIN patrons p ON p.id = r.patron_id WHERE r.id = ?').pluck().get(id),
      '21000001',
    );
  });
});
