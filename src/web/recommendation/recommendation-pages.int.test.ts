/** Book Recommendation over HTTP (docs/rules.md §8): who may open its pages, and the form with every rule of its fields. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { recommendationHelpers, startRecommendationPortal, type RecommendationPortal } from '../../test-support/recommendation-journeys.js';
import { prepare } from '../../test-support/raw-sql.js';

let started: RecommendationPortal;
let portal: TestPortal;
let wong: TestBrowser;
let desk: TestBrowser;
before(async () => {
  started = await startRecommendationPortal();
  ({ portal, wong, desk } = started);
});
after(() => started.close());

const { db, book, staff, countOf, recommend } = recommendationHelpers(() => started);

describe('who may open the pages', () => {
  test('a visitor goes to the login page, a patron on the default PIN to Modify your PIN', async () => {
    for (const path of ['/myrecord/recommendations', '/myrecord/recommendations/new']) {
      assert.match((await new TestBrowser(portal.url).get(path)).headers.get('location') ?? '', /^\/login/);
    }
    const onDefault = new TestBrowser(portal.url);
    await onDefault.logIn('21000003', '110105');
    assert.match((await onDefault.get('/myrecord/recommendations')).headers.get('location') ?? '', /^\/pin\/modify/);
  });

  test('the home links Book Recommendation with its summary', async () => {
    const home = await wong.get('/myrecord');
    assert.match(
      home.text,
      /href="\/myrecord\/recommendations">Book Recommendation<\/a>\s*<span class="services__status">2 recommendations in progress/,
    );
  });

  test('staff without the acquisitions role get 403 on the queue and its forms; acquisitions and admin open it', async () => {
    const counter = await staff('counter');
    assert.equal((await counter.get('/staff/recommendations')).status, 403);
    assert.equal((await counter.post('/staff/recommendations/1/status', { status: 'accepted' })).status, 403);
    assert.equal((await counter.post('/staff/recommendations/status', { id: '1', status: 'accepted' })).status, 403);
    assert.equal((await desk.get('/staff/recommendations')).status, 200);
    assert.equal((await (await staff('admin')).get('/staff/recommendations')).status, 200);
    assert.match((await new TestBrowser(portal.url).get('/staff/recommendations')).headers.get('location') ?? '', /^\/staff\/login/);
    const refused = prepare(
      db(),
      "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.refused.role' AND detail LIKE '%/staff/recommendations%'",
    )
      .pluck()
      .get() as number;
    assert.ok(refused >= 3);
  });

  test('a patron session never opens the staff queue', async () => {
    assert.match((await wong.get('/staff/recommendations')).headers.get('location') ?? '', /^\/staff\/login/);
  });

  test('a form posted without its CSRF token is refused with 403 and stores nothing', async () => {
    const answer = await wong.post('/myrecord/recommendations/new', book({ title: 'No Token Book' }), { csrf: null });
    assert.equal(answer.status, 403);
    assert.equal(countOf('No Token Book'), 0);
    assert.equal((await desk.post('/staff/recommendations/1/status', { status: 'accepted' }, { csrf: null })).status, 403);
  });
});

describe('the form', () => {
  test('shows the labels, the limits before he types, and no "Recommend it anyway" box', async () => {
    const form = await wong.get('/myrecord/recommendations/new');
    for (const label of [
      'Title',
      'Author',
      'ISBN',
      'Publisher',
      'Year',
      'Format',
      'Reason',
      'Note',
      'Request it for me when it arrives',
      'Send recommendation',
    ])
      assert.ok(form.text.includes(`${label}<`), label);
    assert.match(form.text, /You have 2 of 10 open recommendations\./);
    assert.match(form.text, /You have made 2 of at most 10 recommendations in the last 30 days\./);
    assert.doesNotMatch(form.text, /confirm_held/);
  });

  test('every broken rule at once, each beside its field, 422, and nothing stored', async () => {
    const answer = await recommend(wong, {
      title: '',
      author: 'a'.repeat(201),
      isbn: '0-306-40615-3',
      year: '3000',
      format: 'scroll',
      reason: 'other',
      note: '',
    });
    assert.equal(answer.status, 422);
    for (const message of [
      'Enter the title.',
      'The author can have at most 200 characters.',
      'This is not a valid ISBN',
      'The year cannot be after',
      'Choose a format.',
      'Tell us the reason in the note',
    ]) {
      assert.ok(answer.text.includes(message), message);
    }
    assert.match(answer.text, /role="alert"[\s\S]*Please correct the 6 problems below/);
    assert.match(answer.text, /id="title-error"/);
    assert.equal(prepare(db(), "SELECT COUNT(*) FROM recommendations WHERE author LIKE 'aaaa%'").pluck().get(), 0);
  });

  test('a note over 1,000 characters and a field sent twice are 422', async () => {
    assert.equal((await recommend(wong, { title: 'Long Note Book', note: 'n'.repeat(1001) })).status, 422);
    await wong.get('/myrecord/recommendations/new');
    const twice = await wong.post('/myrecord/recommendations/new', { ...book({}), title: ['A', 'B'] });
    assert.equal(twice.status, 422);
    assert.equal(countOf('Long Note Book'), 0);
  });

  test('asking for a request needs a pickup location that exists', async () => {
    const answer = await recommend(wong, { title: 'Pickup Book', request_when_available: 'yes', pickup: '999' });
    assert.equal(answer.status, 422);
    assert.match(answer.text, /Choose where you will collect the book\./);
  });

  test('an ISBN-10 with hyphens is stored as its ISBN-13, the text as typed', async () => {
    const answer = await recommend(wong, {
      title: '  The <b>Art</b> of Recommending ',
      author: 'Ng, Ka Yan',
      isbn: '0-306-40615-2',
      year: '2020',
    });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/myrecord/recommendations');
    const row = prepare(db(), 'SELECT title, isbn13, year FROM recommendations WHERE isbn13 = ?').get('9780306406157') as {
      title: string;
      isbn13: string;
      year: number;
    };
    assert.deepEqual(row, { title: 'The <b>Art</b> of Recommending', isbn13: '9780306406157', year: 2020 });
    const list = await wong.get('/myrecord/recommendations');
    assert.match(
      list.text,
      /Thank you: your recommendation of “The &lt;b&gt;Art&lt;\/b&gt; of Recommending” has been sent to the library\./,
    );
    assert.doesNotMatch(list.text, /<b>Art<\/b>/);
  });
});
