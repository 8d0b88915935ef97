/** The check that the language tours rely on finds what a reader would see, and only that. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englishWords } from './english-words.js';
import { pageLanguageProblems } from './page-language.js';
import { visibleText } from './visible-text.js';

const page = (lang: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><title>登入</title><style>.a{color:red}</style><script>var english = 1;</script></head><body>${body}</body></html>`;

test('the visible text: text and spoken attributes, without scripts, styles, comments or the values of inputs', () => {
  const html = page(
    'zh-Hant-HK',
    '<!-- a note --><p>條碼 &amp; PIN</p><button aria-label="Close">×</button><img alt="Logo" src="x"><input name="q" value="austen" placeholder="Search">',
  );
  assert.equal(visibleText(html), '登入 條碼 & PIN × Close Logo Search');
});

test('English words: Latin runs of two letters or more, not codes with digits, not the allow-list', () => {
  assert.deepEqual(englishWords('請輸入 PIN（例如 Z12345，不可用 abcabc 或 password）。A–Z 4/F HK$12.00 myRecord English'), []);
  assert.deepEqual(englishWords('您的 PIN has been changed，請 log in。'), ['has', 'been', 'changed', 'log', 'in']);
  assert.deepEqual(englishWords('pin 與 Pin 與 PIN'), ['pin', 'Pin']);
});

test('a 繁體中文 page: English in its text or its labels is found; data it shows is not', () => {
  const data = ['Wong Siu Ling', 'Pride and Prejudice'];
  assert.deepEqual(
    pageLanguageProblems('zh-HK', page('zh-Hant-HK', '<h1>歡迎，Wong Siu Ling</h1><p>《Pride and Prejudice》已續借。</p>'), data),
    [],
  );
  assert.deepEqual(
    pageLanguageProblems('zh-HK', page('zh-Hant-HK', '<nav aria-label="Staff console"><a href="/staff">找讀者</a></nav>'), data),
    ['English on the page: Staff | console'],
  );
  assert.deepEqual(pageLanguageProblems('zh-HK', page('en', '<p>歡迎</p>'), data), ['<html lang="en">, not "zh-Hant-HK"']);
});

test('an English page: Chinese is found, except the language switch naming itself', () => {
  assert.deepEqual(
    pageLanguageProblems('en', page('en', '<p>Welcome</p><button lang="zh-Hant-HK">繁體中文</button>').replace('登入', 'Log in'), []),
    [],
  );
  assert.deepEqual(pageLanguageProblems('en', page('en', '<p>Renewed：到期日 1 June</p>').replace('登入', 'Log in'), []), [
    'Chinese on the page: ：到期日',
  ]);
});
