import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHOSEN_PIN_RULES, RULES_SHOWN_ON_FORM, violationOf } from '../domain/pin/pin-policy.js';
import { hasMessage, LOCALES, t, translator, type MessageKey } from './index.js';

test('every PIN rule shown on the form has a help text, with its limits filled in', () => {
  const helps = RULES_SHOWN_ON_FORM.map((rule) => {
    const key = `pinRule.${rule.code}.help`;
    assert.ok(hasMessage(key), key);
    return t(key, violationOf(rule, { minLength: 6 }).params);
  });
  assert.deepEqual(helps, [
    'At least 6 characters long.',
    'No more than 8 characters long.',
    'Only letters (A–Z) and digits (0–9); capitals and small letters count as the same.',
    'No character repeated 3 or more times in a row (aaa, 1111).',
    'No set of 2, 3 or 4 characters repeated back to back (abab, abcabc, abcdabcd).',
    'Not one of the most common PINs or passwords (like 123456, abc123 or password).',
    'Different from your current PIN.',
    'Different from your default PIN (the first 6 letters and digits of your ID number).',
  ]);
});

test('each PIN rule help is a sentence of its own, in both languages', () => {
  for (const locale of LOCALES) {
    const translate = translator(locale);
    for (const rule of RULES_SHOWN_ON_FORM) {
      const help = translate(`pinRule.${rule.code}.help` as MessageKey, violationOf(rule, { minLength: 6 }).params);
      assert.match(help, /^[A-Z\p{Script=Han}].*[.。]$/u, `${locale}: ${help}`);
    }
  }
  assert.equal(translator('zh-HK')('pinRule.PIN_TOO_SHORT.help', { min: 6 }), '最少 6 個字元。');
});

test('every PIN rule has a message for when it is broken, with no placeholder left unfilled', () => {
  for (const rule of CHOSEN_PIN_RULES) {
    const key = `pinRule.${rule.code}.error`;
    assert.ok(hasMessage(key), key);
    const message = t(key, violationOf(rule, { minLength: 6 }).params);
    assert.doesNotMatch(message, /\{\w+\}/, key);
  }
  assert.ok(hasMessage('pinRule.PIN_MISSING.error'));
});

test('placeholders are filled, and a missing value is left visible rather than hidden', () => {
  assert.equal(t('login.blocked', { seconds: 42 }), 'Too many attempts to log in with this barcode. Please try again in 42 seconds.');
  assert.equal(t('home.welcome'), 'Welcome, {name}');
});

test('counts read naturally in English, one and many', () => {
  assert.equal(t('login.blocked', { seconds: 1 }), 'Too many attempts to log in with this barcode. Please try again in 1 second.');
  assert.equal(t('fine.reason.overdue', { title: 'Emma', days: 1 }), 'Overdue: "Emma" returned 1 day late');
  assert.equal(t('fine.reason.overdue', { title: 'Emma', days: 12 }), 'Overdue: "Emma" returned 12 days late');
  assert.equal(t('home.summary.loans', { count: 1, overdue: 0 }), '1 item on loan');
  assert.equal(t('home.summary.loans', { count: 3, overdue: 1 }), '3 items on loan, 1 overdue');
  assert.equal(t('home.summary.requests', { count: 2, ready: 0 }), '2 requests');
  assert.equal(t('cat.onShelf', { onShelf: 1, copies: 1 }), 'The only copy is on the shelf');
  assert.equal(t('cat.onShelf', { onShelf: 2, copies: 3 }), '2 of 3 copies on the shelf');
  assert.equal(t('home.summary.requests', { count: 1, ready: 1 }), '1 request, 1 ready for pickup');
  assert.equal(t('home.summary.renew', { count: 0 }), 'Nothing can be renewed now');
  assert.equal(t('cat.results', { total: 1, query: 'Emma', page: 1, pages: 1 }), '1 record matches "Emma". Page 1 of 1.');
  assert.equal(t('cat.noneOnShelf', { copies: 1 }), 'The only copy is on loan or on hold: you may request it');
  assert.equal(t('cat.noneOnShelf', { copies: 3 }), 'All 3 copies are on loan or on hold: you may request it');
  assert.equal(t('staff.outcome.blocked', { count: 1 }), 'Refused while blocked (1 time)');
  assert.equal(t('staff.search.results', { count: 2, query: 'Chan' }), '2 patrons match "Chan".');
});

test('counts in Traditional Chinese take one form, and large numbers are grouped', () => {
  const zh = translator('zh-HK');
  assert.equal(zh('login.blocked', { seconds: 1 }), '此條碼的登入嘗試次數過多，請於 1 秒後再試。');
  assert.equal(zh('fine.reason.overdue', { title: 'Emma', days: 12 }), '逾期：《Emma》遲還 12 天');
  assert.equal(zh('home.summary.renew', { count: 0 }), '暫時沒有可續借的資料');
  assert.equal(zh('home.summary.renew', { count: 2 }), '可續借 2 項');
  // No "其中 0 項逾期", no "1 本中有 1 本在架上".
  assert.equal(zh('home.summary.loans', { count: 2, overdue: 0 }), '借閱中 2 項');
  assert.equal(zh('home.summary.loans', { count: 2, overdue: 1 }), '借閱中 2 項，其中 1 項逾期');
  assert.equal(zh('home.summary.requests', { count: 1, ready: 0 }), '預約 1 項');
  assert.equal(zh('cat.onShelf', { onShelf: 1, copies: 1 }), '唯一一本在架上');
  assert.equal(zh('cat.onShelf', { onShelf: 2, copies: 3 }), '共 3 本，其中 2 本在架上');
  assert.equal(
    zh('cat.results', { total: 1200, query: '狄更斯', page: 1, pages: 60 }),
    '共 1,200 項紀錄符合「狄更斯」。第 1 頁，共 60 頁。',
  );
});

test('a choice (select) picks its words in both languages', () => {
  const params = { name: 'Chan Tai Man', barcode: '21000001', when: '1 December 2026', document: 'HKID number', signature: 'myRecord' };
  assert.match(t('mail.pinReset.body', { ...params, how: 'online' }), /through the link sent to this address/);
  assert.match(t('mail.pinReset.body', { ...params, how: 'counter' }), /by library staff at the Circulation Counter/);
  assert.match(translator('zh-HK')('mail.pinReset.body', { ...params, how: 'counter' }), /已由圖書館職員在借閱櫃檯回復為預設 PIN/);
  assert.equal(translator('zh-HK')('import.ID_TOO_SHORT', { document: 'passport' }), '護照號碼少於 6 個字母及數字。');
});
