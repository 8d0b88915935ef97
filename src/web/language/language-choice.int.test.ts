/**
 * Choosing the language: from Accept-Language until the reader chooses, then the switch on every
 * page (POST /language) and its cookie; on the record of whoever is logged in, so that another
 * browser finds it at the next login. Patrons and staff alike.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import en from '../../messages/en.json' with { type: 'json' };
import zhHK from '../../messages/zh-HK.json' with { type: 'json' };
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { startTestPortal, TestBrowser, type Answer, type TestPortal } from '../../test-support/test-portal.js';
import { htmlLang } from '../../test-support/visible-text.js';

const LANG = 'myrecord.lang';
const counter = DEMO_STAFF[1];

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const browser = (acceptLanguage?: string) =>
  new TestBrowser(portal.url, acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage });
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
const patronLanguage = (barcode: string) => portal.portal.patrons.findByBarcode(barcode)!.language;
const staffLanguage = (username: string) => portal.portal.staff.findByUsername(username)!.language;

/** The language a page is in: what <html lang> declares, and that the heading is that catalogue's. */
function expectLoginPageIn(page: Answer, lang: 'en' | 'zh-Hant-HK') {
  assert.equal(page.status, 200);
  assert.equal(htmlLang(page.text), lang);
  const title = (lang === 'en' ? en : zhHK)['login.title'];
  assert.ok(page.text.includes(`<h1>${escapeHtml(title)}</h1>`), `the heading is "${title}"`);
}

async function choose(b: TestBrowser, lang: string, next: string, options: { csrf?: string | null } = {}): Promise<Answer> {
  return b.post('/language', { lang, next }, options);
}

describe('a browser that has not chosen: Accept-Language decides', () => {
  for (const accept of ['zh-HK', 'zh-Hant', 'zh-Hant-HK', 'zh-TW', 'zh-MO', 'zh-HK,zh;q=0.9,en;q=0.8', 'en;q=0.5, zh-TW'])
    test(`"${accept}": 繁體中文`, async () => {
      const page = await browser(accept).get('/login');
      expectLoginPageIn(page, 'zh-Hant-HK');
      // The switch marks 繁體中文 as the language shown, and offers English.
      assert.match(page.text, /<span class="lang-switch__current" lang="zh-Hant-HK" aria-current="true">繁體中文<\/span>/);
      assert.match(page.text, /<button type="submit" class="lang-switch__choice" name="lang" value="en" lang="en">English<\/button>/);
    });

  for (const accept of ['zh-CN', 'zh-Hans', 'zh', 'fr', 'en-GB', 'zh-HK;q=0.5, en', undefined])
    test(`${accept === undefined ? 'none' : `"${accept}"`}: English`, async () => {
      const page = await browser(accept).get('/login');
      expectLoginPageIn(page, 'en');
      assert.match(page.text, /<span class="lang-switch__current" lang="en" aria-current="true">English<\/span>/);
      assert.match(
        page.text,
        /<button type="submit" class="lang-switch__choice" name="lang" value="zh-HK" lang="zh-Hant-HK">繁體中文<\/button>/,
      );
    });
});

describe('the switch, POST /language', () => {
  test('remembers the choice in a cookie for a year and returns to the page it was made on, which is then in that language', async () => {
    const b = browser('en-GB');
    const page = await b.get('/pin/forgot');
    assert.match(page.text, /<input type="hidden" name="next" value="\/pin\/forgot">/);
    const answer = await choose(b, 'zh-HK', '/pin/forgot');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/pin/forgot');
    const cookie = answer.headers.getSetCookie().find((line) => line.startsWith(`${LANG}=`));
    assert.match(cookie ?? '', /^myrecord\.lang=zh-HK; Max-Age=31536000; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    assert.equal(htmlLang((await b.get('/pin/forgot')).text), 'zh-Hant-HK');

    assert.equal((await choose(b, 'en', '/pin/forgot')).status, 303);
    assert.equal(b.cookie(LANG), 'en');
    expectLoginPageIn(await b.get('/login'), 'en');
  });

  test('the page it returns to keeps its query, and is on this site only', async () => {
    const b = browser();
    await b.get('/login');
    const cases: Array<[string, string]> = [
      ['/catalogue?q=austen&page=2', '/catalogue?q=austen&page=2'],
      ['//evil.example', '/'],
      ['/\\evil.example', '/'],
      ['https://evil.example/', '/'],
      ['/.//evil.example/x', '/'],
      ['javascript:alert(1)', '/'],
      ['', '/'],
    ];
    for (const [next, location] of cases) {
      const answer = await choose(b, 'zh-HK', next);
      assert.equal(answer.status, 303, next);
      assert.equal(answer.headers.get('location'), location, next);
    }
  });

  test('the choice outranks Accept-Language, and a cookie naming no language of ours is ignored', async () => {
    const b = browser('zh-HK');
    await b.get('/login');
    await choose(b, 'en', '/login');
    expectLoginPageIn(await b.get('/login'), 'en');
    b.setCookie(LANG, 'tlh');
    expectLoginPageIn(await b.get('/login'), 'zh-Hant-HK');
  });

  test('without a valid CSRF token it is refused (403) and nothing changes', async () => {
    const other = browser();
    await other.get('/login');
    const b = browser('en-GB');
    await b.get('/login');
    for (const csrf of [null, other.csrf]) {
      const answer = await choose(b, 'zh-HK', '/login', { csrf });
      assert.equal(answer.status, 403);
      assert.equal(
        answer.headers.getSetCookie().some((line) => line.startsWith(`${LANG}=`)),
        false,
      );
    }
    expectLoginPageIn(await b.get('/login'), 'en');
  });

  test('a language it does not offer is refused (422) and nothing changes', async () => {
    const b = browser('en-GB');
    await b.get('/login');
    const answer = await choose(b, 'fr', '/login');
    assert.equal(answer.status, 422);
    assert.equal(b.cookie(LANG), undefined);
  });
});

describe("a patron's language, on their record", () => {
  test('the switch, used while logged in, stores the choice on the record, and the patron stays logged in', async () => {
    const b = browser('en-GB');
    assert.equal((await b.logIn('21000004', 'K7M2P9')).status, 303);
    // A record with no language takes the browser's at login.
    assert.equal(patronLanguage('21000004'), 'en');
    await b.get('/myrecord/circulation');
    const answer = await choose(b, 'zh-HK', '/myrecord/circulation');
    assert.equal(answer.headers.get('location'), '/myrecord/circulation');
    assert.equal(patronLanguage('21000004'), 'zh-HK');
    const page = await b.get('/myrecord/circulation');
    assert.equal(page.status, 200);
    assert.equal(htmlLang(page.text), 'zh-Hant-HK');
  });

  test('a choice made on the login page, before logging in, is stored at login', async () => {
    assert.equal(patronLanguage('21000002'), null);
    const b = browser('en-GB');
    await b.get('/login');
    await choose(b, 'zh-HK', '/login');
    await b.post('/login', { barcode: '21000002', pin: 'XY1234' });
    assert.equal(patronLanguage('21000002'), 'zh-HK');
    assert.equal(htmlLang((await b.get('/pin/modify')).text), 'zh-Hant-HK');
  });

  test("a new browser without the cookie gets the record's language at login, whatever its Accept-Language", async () => {
    assert.equal(patronLanguage('21000002'), 'zh-HK');
    const b = browser('en-GB');
    assert.equal((await b.logIn('21000002', 'XY1234')).status, 303);
    assert.equal(b.cookie(LANG), 'zh-HK');
    assert.equal(htmlLang((await b.get('/pin/modify')).text), 'zh-Hant-HK');
    assert.equal(patronLanguage('21000002'), 'zh-HK');
  });

  test("a record with no language takes the language the browser asks for; a browser's choice replaces the record's", async () => {
    assert.equal(patronLanguage('21000003'), null);
    assert.equal((await browser('zh-TW').logIn('21000003', '110105')).status, 303);
    assert.equal(patronLanguage('21000003'), 'zh-HK');

    const b = browser('zh-HK');
    await b.get('/login');
    await choose(b, 'en', '/login');
    await b.post('/login', { barcode: '21000003', pin: '110105' });
    assert.equal(patronLanguage('21000003'), 'en');
  });
});

describe("staff pages follow the member of staff's choice", () => {
  test('stored on their record by the switch, and found there by another browser at login', async () => {
    const b = browser('en-GB');
    await b.get('/staff/login');
    assert.equal((await b.post('/staff/login', { username: counter.username, password: counter.password })).status, 303);
    assert.equal(staffLanguage(counter.username), 'en');
    const circulation = await b.get('/staff/circulation');
    assert.equal(htmlLang(circulation.text), 'en');
    assert.match(circulation.text, /<input type="hidden" name="next" value="\/staff\/circulation">/);
    assert.equal((await choose(b, 'zh-HK', '/staff/circulation')).headers.get('location'), '/staff/circulation');
    assert.equal(staffLanguage(counter.username), 'zh-HK');
    assert.equal(htmlLang((await b.get('/staff/circulation')).text), 'zh-Hant-HK');

    const elsewhere = browser('en-GB');
    await elsewhere.get('/staff/login');
    assert.equal((await elsewhere.post('/staff/login', { username: counter.username, password: counter.password })).status, 303);
    const search = await elsewhere.get('/staff');
    assert.equal(search.status, 200);
    assert.equal(htmlLang(search.text), 'zh-Hant-HK');
  });
});
