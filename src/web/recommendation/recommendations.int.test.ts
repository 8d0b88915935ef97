/** Book Recommendation over HTTP (docs/rules.md §8): every rule and answer of its pages. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let stop: () => Promise<void>;
let wong: TestBrowser;
let chan: TestBrowser;
let maria: TestBrowser;
let desk: TestBrowser;

before(async () => {
  ({ portal, smtp, close: stop } = await startPortalWithMail());
  wong = await patron('21000004', 'K7M2P9');
  chan = await patronWithPin('21000001', 'Z12345', 'g5h8j2k4');
  maria = await patronWithPin('21000002', 'XY1234', 'v6b3n9m1');
  desk = await staff('acquisitions');
});
after(() => stop());

async function patron(barcode: string, pin: string): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  assert.equal((await b.logIn(barcode, pin)).status, 303);
  await b.get('/myrecord/recommendations/new');
  return b;
}
async function patronWithPin(barcode: string, defaultPin: string, chosen: string): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.logIn(barcode, defaultPin);
  await b.get('/pin/modify');
  assert.equal((await b.post('/pin/modify', { current_pin: defaultPin, new_pin: chosen, confirm_pin: chosen })).status, 303);
  await b.get('/myrecord/recommendations/new');
  return b;
}
async function staff(username: (typeof DEMO_STAFF)[number]['username']): Promise<TestBrowser> {
  const member = DEMO_STAFF.find((m) => m.username === username)!;
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: member.username, password: member.password })).status, 303);
  await b.get('/staff');
  return b;
}

const db = () => portal.portal.db;
const book = (fields: Record<string, string>) => ({
  author: '',
  isbn: '',
  publisher: '',
  year: '',
  format: 'print',
  reason: 'research',
  note: '',
  ...fields,
});
const idOf = (title: string) =>
  prepare(db(), 'SELECT id FROM recommendations WHERE title = ? ORDER BY id DESC LIMIT 1').pluck().get(title) as number | undefined;
const countOf = (title: string) => prepare(db(), 'SELECT COUNT(*) FROM recommendations WHERE title = ?').pluck().get(title) as number;
const supportersOf = (id: number) =>
  prepare(db(), 'SELECT COUNT(*) FROM recommendation_supporters WHERE recommendation_id = ?').pluck().get(id) as number;
const statusOf = (id: number) => prepare(db(), 'SELECT status FROM recommendations WHERE id = ?').pluck().get(id) as string;
const isbnOf = (title: string) => prepare(db(), 'SELECT isbn FROM records WHERE title = ?').pluck().get(title) as string;
const recordIdOf = (title: string) => prepare(db(), 'SELECT id FROM records WHERE title = ?').pluck().get(title) as number;
const decoded = (html: string) => html.replaceAll('&#34;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

async function recommend(b: TestBrowser, fields: Record<string, string>) {
  await b.get('/myrecord/recommendations/new');
  return b.post('/myrecord/recommendations/new', book(fields));
}
async function change(id: number, fields: Record<string, string>, by = desk) {
  await by.get('/staff/recommendations');
  return by.post(`/staff/recommendations/${id}/status`, { reason: '', note: '', record_isbn: '', ...fields });
}

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
