/**
 * Sentences that the pages once glued together from pieces (a label, a date, a word in another
 * message, literal punctuation) are now one message each: they read whole in English, and in
 * 繁體中文 the translation decides the words, their order and the punctuation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { localizerFor, type Locale } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const [admin, counterStaff] = DEMO_STAFF;

function browserIn(locale: Locale): TestBrowser {
  const b = new TestBrowser(portal.url);
  b.setCookie('myrecord.lang', locale);
  return b;
}

async function patronIn(locale: Locale): Promise<TestBrowser> {
  const b = browserIn(locale);
  assert.equal((await b.logIn('21000004', 'K7M2P9')).status, 303);
  return b;
}

async function staffIn(locale: Locale, member: { username: string; password: string } = counterStaff): Promise<TestBrowser> {
  const b = browserIn(locale);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: member.username, password: member.password })).status, 303);
  await b.get('/staff');
  return b;
}

/** Wong Siu Ling's loan of a title: its item barcode, due date and renewals used. */
function loanOf(title: string): { item: string; due: string; renewals: number } {
  return prepare(
    portal.portal.db,
    `SELECT c.item_barcode AS item, l.due_date AS due, l.renewals FROM loans l JOIN copies c ON c.id = l.copy_id JOIN records r ON r.id = c.record_id
       JOIN patrons p ON p.id = l.patron_id WHERE r.title = ? AND p.barcode = '21000004' AND l.returned_at IS NULL`,
  ).get(title) as { item: string; due: string; renewals: number };
}

describe('Book Renewal: each item a row of labelled cells, each reason one sentence', () => {
  test('in English: due date, overdue or not, renewals used of allowed (10 for staff), and what renewing now would do', async () => {
    const page = await (await patronIn('en')).get('/myrecord/renew');
    const { formatDate } = localizerFor('en');
    const overdue = loanOf('Moby-Dick; or, The Whale');
    const onTime = loanOf('Pride and Prejudice');
    assert.ok(
      page.text.includes(
        `<td data-label="Due"><time datetime="${overdue.due}">${formatDate(overdue.due)}</time> <strong class="badge badge--overdue">Overdue</strong></td>`,
      ),
      'the overdue item',
    );
    assert.ok(
      page.text.includes(`<td data-label="Due"><time datetime="${onTime.due}">${formatDate(onTime.due)}</time></td>`),
      'an item not overdue',
    );
    assert.ok(page.text.includes('<td data-label="Renewals">1 of 10</td>'), 'renewals used of allowed');
    assert.match(
      page.text,
      /<td data-label="If renewed now" id="outcome-\d+" class="outcome--cannot">Cannot be renewed: renewal limit reached \(10 of 10\)\.<\/td>/,
    );
    assert.match(
      page.text,
      /<td data-label="If renewed now" id="outcome-\d+" class="outcome--ok">Can be renewed: it will be due [^<]+\.<\/td>/,
    );
  });

  test("in 繁體中文: the same facts in the translation's own words and full-width punctuation", async () => {
    const page = await (await patronIn('zh-HK')).get('/myrecord/renew');
    const { formatDate } = localizerFor('zh-HK');
    const overdue = loanOf('Moby-Dick; or, The Whale');
    assert.ok(
      page.text.includes(
        `<td data-label="到期日"><time datetime="${overdue.due}">${formatDate(overdue.due)}</time> <strong class="badge badge--overdue">逾期</strong></td>`,
      ),
      page.text,
    );
    assert.ok(page.text.includes('<td data-label="續借次數">1／10 次</td>'));
    assert.ok(page.text.includes('不能續借：已達續借次數上限（10／10 次）。'));
  });

  test('each result is the title, then its outcome on a line of its own', async () => {
    const b = await patronIn('en');
    const form = await b.get('/myrecord/renew');
    const choice = /name="renew" value="([^"]+)">\s*<label[^>]*>Pride and Prejudice/.exec(form.text)?.[1] ?? '';
    assert.equal((await b.post('/myrecord/renew', { renew: choice })).status, 303);
    const answer = await b.get('/myrecord/renew');
    assert.match(answer.text, /<li class="result--ok"><strong>Pride and Prejudice<\/strong><br>Renewed: now due /);
  });
});

describe('the staff console', () => {
  test('the masthead names the roles within its sentence, in either language', async () => {
    assert.match((await (await staffIn('en')).get('/staff')).text, /Logged in as counter \(circulation\)/);
    assert.match((await (await staffIn('zh-HK', admin)).get('/staff')).text, /已登入：admin</);
  });

  test("a patron's page: a heading, the type and ID document in words, one line per loan and per request", async () => {
    const page = await (await staffIn('en')).get('/staff/patrons/21000004');
    const { formatDate } = localizerFor('en');
    const moby = loanOf('Moby-Dick; or, The Whale');
    assert.match(page.text, /<h1>Wong Siu Ling \(21000004\)<\/h1>/);
    assert.match(page.text, /<dt>Patron type<\/dt><dd>Staff<\/dd>/);
    assert.match(page.text, /<dt>Default PIN taken from<\/dt><dd>HKID number<\/dd>/);
    assert.ok(
      page.text.includes(
        `<li>${moby.item}: Moby-Dick; or, The Whale, due ${formatDate(moby.due)} <strong class="badge badge--overdue">Overdue</strong></li>`,
      ),
    );
    assert.match(page.text, /<li>Crime and Punishment: waiting<\/li>/);
  });

  test('the same page in 繁體中文 punctuates the heading and the lines its own way', async () => {
    const page = await (await staffIn('zh-HK')).get('/staff/patrons/21000004');
    const { formatDate } = localizerFor('zh-HK');
    const pride = loanOf('Pride and Prejudice');
    assert.match(page.text, /<h1>Wong Siu Ling（21000004）<\/h1>/);
    assert.ok(page.text.includes(`<li>${pride.item}：Pride and Prejudice，到期日：${formatDate(pride.due)}</li>`));
    assert.match(page.text, /<li>Crime and Punishment：輪候中<\/li>/);
  });

  test('registering names the ID document the default PIN comes from within the sentence', async () => {
    const b = await staffIn('en');
    await b.get('/staff/register');
    const fields = {
      barcode: '23000001',
      name: 'Lee Mei',
      email: '',
      hkid: '',
      passport: 'K1234567',
      mainland_id: '',
      patron_type: 'alumni',
      expiry_date: '2030-08-31',
    };
    assert.equal((await b.post('/staff/register', fields)).status, 303);
    const page = await b.get('/staff/patrons/23000001');
    assert.match(
      page.text,
      /Tell the patron that their default PIN is the first 6 letters and digits of their passport number; they will choose their own PIN when they first log in\./,
    );
    assert.match(page.text, /<dt>Patron type<\/dt><dd>Alumni<\/dd>/);
  });

  test('deleting a PIN, in 繁體中文, names the document in Chinese', async () => {
    const b = await staffIn('zh-HK');
    await b.get('/staff/patrons/21000002');
    assert.equal((await b.post('/staff/patrons/21000002/pin/delete', { id_checked: 'yes' })).status, 303);
    const page = await b.get('/staff/patrons/21000002');
    assert.match(page.text, /PIN 已刪除。請告知讀者以預設 PIN（即其護照號碼首 6 個字母及數字）登入，然後設定新的 PIN。/);
  });
});

describe('the catalogue and the page title', () => {
  test('a result gives author and year as one phrase, the year without a thousands separator', async () => {
    const en = await (await patronIn('en')).get('/catalogue?q=dracula');
    assert.match(en.text, /<span class="subtle">Stoker, Bram, 1897<\/span>/);
    const zh = await (await patronIn('zh-HK')).get('/catalogue?q=dracula');
    assert.match(zh.text, /<span class="subtle">Stoker, Bram，1897<\/span>/);
  });

  test('the window title is one message: the page, then myRecord and the library', async () => {
    assert.match((await browserIn('en').get('/login')).text, /<title>Log in to myRecord · myRecord · University Library<\/title>/);
    assert.match((await browserIn('zh-HK').get('/login')).text, /<title>[^<]+ · myRecord · 大學圖書館<\/title>/);
  });
});
