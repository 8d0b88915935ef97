/**
 * Book Recommendation over HTTP (docs/rules.md §8): a book the catalogue holds, a book someone else
 * recommended and is still open (he becomes its supporter), and the limits of each patron type.
 */
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
  // Wong's open recommendation with an ISBN, which Chan asks for again by its ISBN-10.
  assert.equal(
    (await recommend(wong, { title: 'The <b>Art</b> of Recommending', author: 'Ng, Ka Yan', isbn: '0-306-40615-2', year: '2020' })).status,
    303,
  );
});
after(() => started.close());

const { db, book, idOf, countOf, supportersOf, isbnOf, recordIdOf, decoded, recommend } = recommendationHelpers(() => started);

describe('a book the catalogue holds', () => {
  test('without "Recommend it anyway" ticked: 422, the record linked, nothing stored; ticked: stored', async () => {
    const asked = await recommend(wong, { title: 'emma', author: 'Jane Austen' });
    assert.equal(asked.status, 422);
    assert.match(decoded(asked.text), /The catalogue already has “Emma”/);
    assert.ok(asked.text.includes(`href="/catalogue/${recordIdOf('Emma')}"`));
    assert.match(asked.text, /name="confirm_held" value="yes"/);
    assert.match(asked.text, /Recommend it anyway/);
    assert.equal(countOf('emma'), 0);
    const confirmed = await wong.post('/myrecord/recommendations/new', {
      ...book({ title: 'emma', author: 'Jane Austen' }),
      confirm_held: 'yes',
    });
    assert.equal(confirmed.status, 303);
    assert.equal(countOf('emma'), 1);
  });

  test('the same ISBN is the same book, whatever the title', async () => {
    const asked = await recommend(wong, { title: 'Some other title', isbn: isbnOf('Sense and Sensibility') });
    assert.equal(asked.status, 422);
    assert.ok(asked.text.includes(`href="/catalogue/${recordIdOf('Sense and Sensibility')}"`));
  });
});

describe('a book someone else recommended and is still open', () => {
  test('makes no second recommendation: he becomes a supporter, 303 with a notice that says so, and it counts towards neither of his limits', async () => {
    assert.equal((await recommend(chan, { title: 'Supported Book', author: 'Lee, Mei' })).status, 303);
    const id = idOf('Supported Book')!;
    const openBefore: unknown = prepare(
      db(),
      "SELECT COUNT(*) FROM recommendations r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = '21000002'",
    )
      .pluck()
      .get();
    // Typed differently: case, punctuation, the author surname last.
    const answer = await recommend(maria, { title: 'SUPPORTED  book!', author: 'Mei Lee', request_when_available: 'yes', pickup: '2' });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/myrecord/recommendations');
    assert.equal(countOf('SUPPORTED  book!'), 0);
    assert.equal(supportersOf(id), 2);
    assert.equal(
      prepare(db(), "SELECT COUNT(*) FROM recommendations r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = '21000002'")
        .pluck()
        .get(),
      openBefore,
    );
    const list = await maria.get('/myrecord/recommendations');
    assert.match(
      list.text,
      /“Supported Book” has already been recommended by someone else, so no second recommendation was made: you now support it \(2 supporters\)/,
    );
    assert.match(list.text, /You support this recommendation\./);
    assert.match(list.text, /We will request it for you when it arrives\./);
  });

  test('the same ISBN in its ISBN-10 form is the same open recommendation', async () => {
    const answer = await recommend(chan, { title: 'Another name for it', isbn: '0306406152' });
    assert.equal(answer.status, 303);
    assert.equal(supportersOf(prepare(db(), "SELECT id FROM recommendations WHERE isbn13 = '9780306406157'").pluck().get() as number), 2);
  });

  test('his own open recommendation, or one he supports already: he is told so, 422, and nothing changes', async () => {
    const own = await recommend(chan, { title: 'supported book', author: 'Mei Lee' });
    assert.equal(own.status, 422);
    assert.match(own.text, /You recommended “Supported Book” on .*, and it is still in progress\./);
    const supported = await recommend(maria, { title: 'Supported Book', author: 'Lee, Mei' });
    assert.equal(supported.status, 422);
    assert.match(supported.text, /You already support the recommendation of “Supported Book”/);
    assert.equal(supportersOf(idOf('Supported Book')!), 2);
  });
});

describe('limits per patron type, from the recommendation_limits table', () => {
  test('at the open limit: 422 with the limit in words, nothing stored', async () => {
    const open = prepare(
      db(),
      "SELECT COUNT(*) FROM recommendations r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = '21000001' AND r.status IN ('submitted', 'accepted', 'ordered')",
    )
      .pluck()
      .get() as number;
    prepare(db(), "UPDATE recommendation_limits SET open_allowed = ? WHERE patron_type = 'undergraduate'").run(open);
    try {
      const form = await chan.get('/myrecord/recommendations/new');
      assert.ok(form.text.includes(`You have ${open} of ${open} open recommendations.`));
      const answer = await recommend(chan, { title: 'Over The Open Limit' });
      assert.equal(answer.status, 422);
      assert.match(answer.text, new RegExp(`You have reached your limit of ${open} open recommendations?\\.`));
      assert.equal(countOf('Over The Open Limit'), 0);
      // Supporting makes no new recommendation: it is still allowed at the limit.
      assert.equal((await recommend(maria, { title: 'Maria At Limit Test' })).status, 303);
      assert.equal((await recommend(chan, { title: 'Maria At Limit Test' })).status, 303);
    } finally {
      prepare(db(), "UPDATE recommendation_limits SET open_allowed = 5 WHERE patron_type = 'undergraduate'").run();
    }
  });

  test('at the limit of any 30 days, even with none open: 422 naming the number and the days', async () => {
    const made = prepare(db(), "SELECT COUNT(*) FROM recommendations r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = '21000001'")
      .pluck()
      .get() as number;
    prepare(db(), "UPDATE recommendation_limits SET window_allowed = ? WHERE patron_type = 'undergraduate'").run(made);
    try {
      const answer = await recommend(chan, { title: 'Over The Window Limit' });
      assert.equal(answer.status, 422);
      assert.match(
        answer.text,
        new RegExp(`You can make at most ${made} recommendations? in any 30 days, and you have reached that limit\\.`),
      );
      // Made more than 30 days ago, they are outside the window.
      prepare(
        db(),
        "UPDATE recommendations SET created_at = created_at - 2678400000 WHERE patron_id = (SELECT id FROM patrons WHERE barcode = '21000001')",
      ).run();
      assert.equal((await recommend(chan, { title: 'Over The Window Limit' })).status, 303);
    } finally {
      prepare(db(), "UPDATE recommendation_limits SET window_allowed = 10 WHERE patron_type = 'undergraduate'").run();
    }
  });
});
