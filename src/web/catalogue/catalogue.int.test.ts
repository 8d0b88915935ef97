/**
 * Book Request made smooth: the request ends in a redirect to the
 * record page, which shows the patron's own loan or request instead of the form; "Back to the
 * search" keeps the words and the page; the search explains itself, clamps its pages, ranks title
 * matches first and links its pages by number.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type Answer, type TestPortal } from '../../test-support/test-portal.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { localizerFor, t } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';

const { formatDate } = localizerFor('en');
/** A message as it appears in the page's HTML (EJS escapes quotes and ampersands). */
const html = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&#34;').replaceAll("'", '&#39;');

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const MAIN = 'Main Library, Circulation Counter, Podium Floor';
const LAW = 'Law Library, Service Counter';

async function patron(barcode = '21000004', pin = 'K7M2P9'): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  assert.equal((await b.logIn(barcode, pin)).status, 303);
  return b;
}
/** A demo patron still on the default PIN, who chooses one first (the services need it). */
async function patronChoosingPin(barcode: string, defaultPin: string, chosen: string): Promise<TestBrowser> {
  const b = await patron(barcode, defaultPin);
  await b.get('/pin/modify');
  assert.equal((await b.post('/pin/modify', { current_pin: defaultPin, new_pin: chosen, confirm_pin: chosen })).status, 303);
  return b;
}
const db = () => portal.portal.db;
const recordIdOf = (title: string) => prepare(db(), 'SELECT id FROM records WHERE title = ?').pluck().get(title) as number;
const openRequests = (barcode: string, title: string) =>
  prepare(
    db(),
    `SELECT q.id FROM requests q JOIN patrons p ON p.id = q.patron_id JOIN records r ON r.id = q.record_id
       WHERE p.barcode = ? AND r.title = ? AND q.status IN ('waiting', 'ready')`,
  )
    .pluck()
    .all(barcode, title) as number[];
const today = () => libraryDateOf(portal.clock.now());
const requestForm = /<form method="post" action="\/catalogue\/\d+\/request/;
/** The action of the request form on a record page. */
const formAction = (page: Answer) => /<form method="post" action="(\/catalogue\/[^"]+)"/.exec(page.text)?.[1]?.replaceAll('&amp;', '&');

describe('requesting a book ends in a redirect to the record page, which shows the request', () => {
  test('303 to the record page with the search; it shows the place in the queue and a Cancel link, not the form; a reload shows the same and sends nothing', async () => {
    const b = await patron();
    const id = recordIdOf('Treasure Island');
    const page = await b.get(`/catalogue/${id}?q=stevenson&page=1`);
    assert.match(page.text, requestForm);
    const action = formAction(page)!;
    assert.equal(action, `/catalogue/${id}/request?q=stevenson`);

    const placed = await b.post(action, { pickup: '2' });
    assert.equal(placed.status, 303);
    assert.equal(placed.headers.get('location'), `/catalogue/${id}?q=stevenson`);
    const [requestId] = openRequests('21000004', 'Treasure Island');
    assert.ok(requestId);

    const shown = await b.get(placed.headers.get('location')!);
    assert.equal(shown.status, 200);
    assert.match(shown.text, /role="status">Requested &#34;Treasure Island&#34;\. You are number 1 in the queue/);
    const state = html(t('cat.yours.waiting', { position: 1, pickup: LAW }));
    assert.equal(state, 'You requested this book: place 1 in the queue, for pickup at Law Library, Service Counter.');
    assert.ok(shown.text.includes(state));
    assert.match(shown.text, new RegExp(`<a class="link" href="/myrecord/requests/${requestId}/cancel\\?from=record">Cancel request</a>`));
    assert.doesNotMatch(shown.text, requestForm);
    assert.doesNotMatch(shown.text, /Request this book/);

    const reloaded = await b.get(placed.headers.get('location')!);
    assert.equal(reloaded.status, 200);
    assert.ok(reloaded.text.includes(state));
    assert.doesNotMatch(reloaded.text, /role="status">Requested/, 'the notice is shown once');
    assert.doesNotMatch(reloaded.text, requestForm);
    assert.deepEqual(openRequests('21000004', 'Treasure Island'), [requestId]);
  });

  test('the second patron in the queue reads "place 2"', async () => {
    const maria = await patronChoosingPin('21000002', 'XY1234', 'q7w3e9r1');
    const id = recordIdOf('Treasure Island');
    await maria.get(`/catalogue/${id}`);
    const placed = await maria.post(`/catalogue/${id}/request`, { pickup: '1' });
    assert.equal(placed.headers.get('location'), `/catalogue/${id}`);
    const shown = await maria.get(`/catalogue/${id}`);
    assert.ok(shown.text.includes(t('cat.yours.waiting', { position: 2, pickup: MAIN })));
  });

  test('a title on loan to the patron: "On loan to you, due …" (overdue said so), and no request form', async () => {
    const b = await patron();
    const pride = await b.get(`/catalogue/${recordIdOf('Pride and Prejudice')}`);
    assert.ok(pride.text.includes(`On loan to you, due ${formatDate(addDays(today(), 20))}.`));
    assert.match(pride.text, /<a class="link" href="\/myrecord\/renew">Renew it in Book Renewal<\/a>/);
    assert.doesNotMatch(pride.text, requestForm);
    const moby = await b.get(`/catalogue/${recordIdOf('Moby-Dick; or, The Whale')}`);
    assert.ok(moby.text.includes(`On loan to you: it was due on ${formatDate(addDays(today(), -5))} and is overdue.`));
  });

  test('a copy waiting on the hold shelf: "Ready for pickup at … until …", with the Cancel link', async () => {
    const b = await patron();
    const [requestId] = openRequests('21000004', 'Crime and Punishment');
    const copyId = prepare(db(), 'SELECT c.id FROM copies c JOIN records r ON r.id = c.record_id WHERE r.title = ? LIMIT 1')
      .pluck()
      .get('Crime and Punishment') as number;
    const collectBy = addDays(today(), 7);
    portal.portal.repos.requests.makeReady(requestId!, copyId, portal.clock.now(), collectBy);
    const page = await b.get(`/catalogue/${recordIdOf('Crime and Punishment')}`);
    assert.ok(page.text.includes(`Ready for pickup at ${MAIN} until ${formatDate(collectBy)}.`));
    assert.match(page.text, new RegExp(`href="/myrecord/requests/${requestId}/cancel\\?from=record">Cancel request<`));
    assert.doesNotMatch(page.text, requestForm);
  });

  test('in 繁體中文 the state is one sentence of its own', async () => {
    // Maria Santos, second in the queue (above), in a browser set to Chinese.
    const b = new TestBrowser(portal.url);
    b.setCookie('myrecord.lang', 'zh-HK');
    assert.equal((await b.logIn('21000002', 'q7w3e9r1')).status, 303);
    const page = await b.get(`/catalogue/${recordIdOf('Treasure Island')}`);
    assert.match(page.text, /<p>你已預約此書：在輪候名單中排第 2 位，取書處為 [^<]+。<\/p>/);
    assert.match(page.text, />取消預約<\/a>/);
  });

  test('a refused request is 422 with the reason and the form, changes nothing; its address opened again is the record page, not a 404', async () => {
    const b = await patron();
    const id = recordIdOf('Kidnapped');
    await b.get(`/catalogue/${id}?q=kidnapped`);
    const refused = await b.post(`/catalogue/${id}/request?q=kidnapped`, { pickup: '999' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /role="alert"[\s\S]*?Choose a pickup location\./);
    assert.equal(formAction(refused), `/catalogue/${id}/request?q=kidnapped`);
    assert.match(refused.text, /href="\/catalogue\?q=kidnapped">Back to the search</);
    assert.deepEqual(openRequests('21000004', 'Kidnapped'), []);

    const onShelf = await b.post(`/catalogue/${recordIdOf('Emma')}/request`, { pickup: '1' });
    assert.equal(onShelf.status, 422);
    assert.match(onShelf.text, /A copy is on the shelf: borrow it at the counter/);

    const again = await b.get(`/catalogue/${id}/request?q=kidnapped`);
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), `/catalogue/${id}?q=kidnapped`);
    assert.equal((await b.get('/catalogue/abc/request')).status, 404);
  });

  test('requesting what is already requested, from a page left open, is refused and shows the request', async () => {
    const b = await patron();
    const id = recordIdOf('Treasure Island');
    // The form as it was before the request: a page left open in another tab.
    await b.get(`/catalogue/${recordIdOf('Kidnapped')}`);
    const twice = await b.post(`/catalogue/${id}/request`, { pickup: '2' });
    assert.equal(twice.status, 422);
    assert.match(twice.text, /You have requested this book already/);
    assert.ok(twice.text.includes(t('cat.yours.waiting', { position: 1, pickup: LAW })));
    assert.equal(openRequests('21000004', 'Treasure Island').length, 1);
  });
});

describe('"Back to the search" keeps the words and the page', () => {
  test('each result links to its record with the search; the record links back to the same page of results', async () => {
    const b = await patron();
    const results = await b.get('/catalogue?q=english+fiction&page=2');
    assert.match(results.text, /Page 2 of \d+/);
    const links = [...results.text.matchAll(/<a class="link" href="(\/catalogue\/\d+[^"]*)">/g)].map((m) => m[1]!);
    assert.equal(links.length, 20);
    for (const link of links) assert.match(link, /^\/catalogue\/\d+\?q=english\+fiction&amp;page=2$/);
    const record = await b.get(links[0]!.replaceAll('&amp;', '&'));
    assert.match(record.text, /<a class="link" href="\/catalogue\?q=english\+fiction&amp;page=2">Back to the search<\/a>/);
  });

  test('without a search, or with values that are not one, the way back is the search page of this site', async () => {
    const b = await patron();
    const id = recordIdOf('Emma');
    assert.match((await b.get(`/catalogue/${id}`)).text, /href="\/catalogue">Back to the search</);
    const hostile = await b.get(`/catalogue/${id}?q=${encodeURIComponent('//evil.example/')}&page=-3`);
    assert.match(hostile.text, /href="\/catalogue\?q=%2F%2Fevil\.example%2F">Back to the search</);
    const placed = await b.post(`/catalogue/${recordIdOf('Dracula')}/request?q=${encodeURIComponent('https://evil.example')}&page=2`, {
      pickup: '1',
    });
    assert.equal(placed.status, 303);
    assert.equal(placed.headers.get('location'), `/catalogue/${recordIdOf('Dracula')}?q=https%3A%2F%2Fevil.example&page=2`);
  });
});

describe('the search', () => {
  test('an empty search says what to type; a search of signs only says there was nothing to search for', async () => {
    const b = await patron();
    const hint = html(t('cat.whatToType'));
    const first = await b.get('/catalogue');
    assert.ok(first.text.includes(`<p>${hint}</p>`));
    assert.doesNotMatch(first.text, /role="status"/, 'nothing was searched yet');
    const empty = await b.get('/catalogue?q=+');
    assert.match(
      empty.text,
      new RegExp(`<div class="search-help" role="status">\\s*<p>${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</p>`),
    );
    const signs = await b.get('/catalogue?q=*%25');
    assert.ok(signs.text.includes(html(t('cat.noWords', { query: '*%' }))));
    assert.ok(signs.text.includes(hint));
    assert.doesNotMatch(signs.text, /results-list/);
  });

  test('no match suggests checking the spelling, and with several words trying fewer', async () => {
    const b = await patron();
    assert.match((await b.get('/catalogue?q=dikcens')).text, /role="status">No records match &#34;dikcens&#34;\. Check the spelling\.</);
    assert.match(
      (await b.get('/catalogue?q=dickens+zebra')).text,
      /role="status">No records match &#34;dickens zebra&#34;\. Check the spelling, or try fewer words\.</,
    );
  });

  test('letters that lose their accent as signs (ː, ʼ) are searched as words, never read as query syntax: a page, not an error', async () => {
    const b = await patron();
    for (const query of ['aː', 'ʼ', 'dickensʼ', 'ːʼ&!']) {
      const answer = await b.get(`/catalogue?q=${encodeURIComponent(query)}`);
      assert.equal(answer.status, 200, query);
      assert.ok(answer.text.includes(html(query)), query);
    }
  });

  test('a page past the last one shows the last page', async () => {
    const b = await patron();
    assert.match((await b.get('/catalogue?q=dickens&page=5')).text, /20 records match &#34;dickens&#34;\. Page 1 of 1\./);
    const first = await b.get('/catalogue?q=the');
    const pages = Number(/Page 1 of (\d+)\./.exec(first.text)?.[1]);
    assert.ok(pages > 3);
    for (const asked of [String(pages + 1), '99999', '9'.repeat(400)]) {
      const past = await b.get(`/catalogue?q=the&page=${asked}`);
      assert.equal(past.status, 200);
      assert.match(past.text, new RegExp(`Page ${pages} of ${pages}\\.`), asked);
      assert.match(past.text, new RegExp(`aria-current="page">${pages}</a>`), asked);
      assert.match(past.text, new RegExp(`<ol class="results-list" start="${(pages - 1) * 20 + 1}">`), asked);
    }
  });

  test('records with every word in the title come first', async () => {
    const b = await patron();
    // By bm25 alone William James's "Pragmatism" (a short author field) would come first.
    const james = await b.get('/catalogue?q=james');
    const titles = [...james.text.matchAll(/<a class="link" href="\/catalogue\/\d+[^"]*">([^<]+)<\/a>/g)].map((m) => m[1]!);
    assert.equal(titles[0], 'The History of England from the Accession of James II');
    const lastTitleMatch = titles.findLastIndex((title) => /James/.test(title));
    assert.ok(lastTitleMatch < titles.indexOf('Pragmatism'), titles.join(' | '));
    const ranked = await b.get('/catalogue?q=prejudice%20austen');
    assert.match(ranked.text, /<ol class="results-list" start="1">\s*<li>\s*<a class="link" href="[^"]+">Pride and Prejudice<\/a>/);
  });

  test('page links by number, the current one marked, with Previous and Next', async () => {
    const b = await patron();
    const first = await b.get('/catalogue?q=the');
    const pages = Number(/Page 1 of (\d+)\./.exec(first.text)?.[1]);
    const nav = (answer: Answer) => /<nav class="pager" aria-label="Result pages">([\s\S]*?)<\/nav>/.exec(answer.text)?.[1] ?? '';
    /** The page numbers as shown, the current one in brackets, gaps as "…". */
    const shown = (answer: Answer) =>
      [
        ...nav(answer).matchAll(
          /<li[^>]*>(?:<a href="\/catalogue\?q=the(?:&amp;page=(\d+))?" aria-label="Page (\d+)"( aria-current="page")?>(\d+)<\/a>|(…))<\/li>/g,
        ),
      ]
        .map((m) => {
          if (m[5]) return '…';
          assert.equal(m[1] ?? '1', m[4]);
          assert.equal(m[2], m[4]);
          return m[3] ? `[${m[4]}]` : m[4];
        })
        .join(' ');
    assert.equal(shown(first), `[1] 2 3 … ${pages}`);
    assert.doesNotMatch(nav(first), /Previous page/);
    assert.match(nav(first), /<a class="link pager__step" rel="next" href="\/catalogue\?q=the&amp;page=2">Next page<\/a>/);
    const fifth = await b.get('/catalogue?q=the&page=5');
    assert.equal(shown(fifth), `1 … 4 [5] 6 … ${pages}`);
    assert.match(nav(fifth), /rel="prev" href="\/catalogue\?q=the&amp;page=4">Previous page</);
    assert.match(nav(fifth), /rel="next" href="\/catalogue\?q=the&amp;page=6">Next page</);
    assert.doesNotMatch((await b.get('/catalogue?q=dickens')).text, /class="pager"/, 'one page needs no page links');
  });

  test('each result says in words how many copies are on the shelf, or that it may be requested', async () => {
    const b = await patron();
    const emma = await b.get('/catalogue?q=emma+austen');
    assert.match(emma.text, />Emma<\/a>[\s\S]*?<span class="availability">\d+ of \d+ cop(y|ies) on the shelf<\/span>/);
    const dracula = await b.get('/catalogue?q=dracula');
    assert.match(
      dracula.text,
      />Dracula<\/a>[\s\S]*?<span class="availability">(The only copy is|All \d+ copies are) on loan or on hold: you may request it<\/span>/,
    );
  });
});
