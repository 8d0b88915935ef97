/**
 * Numbers, counts, dates, times and money as each language writes them: "1 item" and "2 items"
 * in English, one form for any number in Chinese; 29 November 2026 and 2026年11月29日; Hong Kong
 * time whatever the server's zone; HK$12.00 in both.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import en from './en.json' with { type: 'json' };
import { localizerFor, translator, type MessageKey, type Params } from './index.js';
import { englishWords } from '../test-support/english-words.js';
import { messageParts } from '../test-support/icu-message.js';

const english = localizerFor('en');
const chinese = localizerFor('zh-HK');

describe('counts', () => {
  const t = translator('en');

  test('English: 1 second and 42 seconds, 1 item and 3 items', () => {
    assert.match(t('login.blocked', { seconds: 1 }), /\b1 second\b/);
    assert.match(t('login.blocked', { seconds: 42 }), /\b42 seconds\b/);
    assert.match(t('home.summary.loans', { count: 1, overdue: 0 }), /\b1 item\b/);
    assert.match(t('home.summary.loans', { count: 3, overdue: 1 }), /\b3 items\b/);
  });

  test('English: no message says "1 items", "1 days" or "1 seconds" (every count set to 1, every select choice tried)', () => {
    const plural = /\b1 (?!(?:is|was|has|does)\b)[a-z]+s\b/i;
    const wrong: string[] = [];
    for (const key of Object.keys(en) as MessageKey[]) {
      const parts = messageParts(en[key], 'en-HK');
      const ones: Params = Object.fromEntries([...parts.placeholders.keys()].map((name) => [name, 1]));
      const sets = [ones, ...[...parts.selects].flatMap(([name, choices]) => [...choices].map((choice) => ({ ...ones, [name]: choice })))];
      for (const params of sets) {
        const text = t(key, params);
        if (plural.test(text)) wrong.push(`${key}: ${plural.exec(text)![0]}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('繁體中文: the same words for 1 as for any other number, and no English', () => {
    const t = translator('zh-HK');
    for (const [key, name, other] of [
      ['login.blocked', 'seconds', {}],
      ['home.summary.loans', 'count', { overdue: 0 }],
    ] as const) {
      const one = t(key, { ...other, [name]: 1 });
      const many = t(key, { ...other, [name]: 42 });
      assert.equal(many, one.replace('1', '42'), key);
      assert.deepEqual(englishWords(one), [], key);
    }
  });
});

/** What a reader sees: the word joiners that keep a Chinese date on one line are invisible. */
const seen = (text: string) => text.replaceAll('\u2060', '');

describe('dates and times', () => {
  test('a Chinese date or time is never broken across two lines: a word joiner holds each Chinese character to its neighbours', () => {
    assert.equal(chinese.formatDate('2026-03-07'), '2026\u2060年\u20603\u2060月\u20607\u2060日');
    assert.equal(chinese.formatDateTime(Date.UTC(2026, 5, 1, 4, 30)), '2026\u2060年\u20606\u2060月\u20601\u2060日 下\u2060午\u206012:30');
    assert.equal(english.formatDate('2026-03-07'), '7 March 2026');
  });

  test('a library date, as each language writes it, on the day it names', () => {
    assert.equal(english.formatDate('2026-11-29'), '29 November 2026');
    assert.equal(seen(chinese.formatDate('2026-11-29')), '2026年11月29日');
    assert.equal(english.formatDate('2027-01-01'), '1 January 2027');
    assert.equal(seen(chinese.formatDate('2027-01-01')), '2027年1月1日');
  });

  test('a date button names its weekday: Monday 7 December 2026 in both languages', () => {
    assert.equal(english.formatWeekdayDate('2026-12-07'), 'Mon, 7 Dec');
    assert.equal(chinese.formatWeekdayDate('2026-12-07'), '12月7日週一');
  });

  test('a moment, in Hong Kong time: 16:05 UTC on 29 November is 12:05 am on the 30th', () => {
    const moment = Date.UTC(2026, 10, 29, 16, 5, 9);
    assert.equal(english.formatDateTime(moment), '30 November 2026 at 12:05 am');
    assert.equal(seen(chinese.formatDateTime(moment)), '2026年11月30日 上午12:05');
    assert.equal(english.formatDateTime(moment, { seconds: true }), '30 November 2026 at 12:05:09 am');
    assert.equal(seen(chinese.formatDateTime(moment, { seconds: true })), '2026年11月30日 上午12:05:09');
    assert.equal(english.formatDateTime(Date.UTC(2026, 5, 1, 4, 30)), '1 June 2026 at 12:30 pm');
    assert.equal(seen(chinese.formatDateTime(Date.UTC(2026, 5, 1, 4, 30))), '2026年6月1日 下午12:30');
  });
});

describe('money and numbers', () => {
  test('Hong Kong dollars, from cents, the same in both languages', () => {
    for (const { formatMoney } of [english, chinese]) {
      assert.equal(formatMoney(1200), 'HK$12.00');
      assert.equal(formatMoney(5), 'HK$0.05');
      assert.equal(formatMoney(123456), 'HK$1,234.56');
    }
  });

  test('numbers, with thousands separated', () => {
    assert.equal(english.formatNumber(12345), '12,345');
    assert.equal(chinese.formatNumber(12345), '12,345');
  });
});
