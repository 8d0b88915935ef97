/**
 * The catalogues as a translator hands them over: the same keys in each language, every message
 * valid ICU that formats with its placeholders filled, the same placeholders (and select choices)
 * in both languages, no English left in 繁體中文, and English that is gender-neutral.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import en from './en.json' with { type: 'json' };
import zhHK from './zh-HK.json' with { type: 'json' };
import { translator, type MessageKey, type Params } from './index.js';
import { LOCALE_INFO, LOCALES, type Locale } from '../domain/locale.js';
import { englishWords } from '../test-support/english-words.js';
import { messageParts, type MessageParts } from '../test-support/icu-message.js';

const catalogues: Record<Locale, Record<string, string>> = { en, 'zh-HK': zhHK };
const keys = Object.keys(en) as MessageKey[];

function partsOf(locale: Locale, key: string): MessageParts {
  return messageParts(catalogues[locale][key]!, LOCALE_INFO[locale].intl);
}

/** Values for a message's placeholders: a number for counts, a marked text for the rest; one set per select choice. */
function sampleParams(parts: MessageParts): Params[] {
  const base: Params = {};
  for (const [name, kinds] of parts.placeholders) base[name] = kinds.has('plural') || kinds.has('number') ? 3 : `‹${name}›`;
  const sets = [base];
  for (const [name, choices] of parts.selects) for (const choice of choices) sets.push({ ...base, [name]: choice });
  return sets;
}

test('en.json and zh-HK.json have exactly the same keys', () => {
  const missing = keys.filter((key) => !Object.hasOwn(zhHK, key));
  const extra = Object.keys(zhHK).filter((key) => !Object.hasOwn(en, key));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
});

test('every message of both catalogues is valid ICU MessageFormat', () => {
  const invalid: string[] = [];
  for (const locale of LOCALES) {
    for (const key of keys) {
      try {
        partsOf(locale, key);
      } catch (error) {
        invalid.push(`${locale} ${key}: ${(error as Error).message}`);
      }
    }
  }
  assert.deepEqual(invalid, []);
});

test('each message has the same placeholders in both languages, and each select the same choices', () => {
  const differ: string[] = [];
  for (const key of keys) {
    const [english, chinese] = [partsOf('en', key), partsOf('zh-HK', key)];
    const names = (parts: MessageParts) => [...parts.placeholders.keys()].sort().join(', ');
    if (names(english) !== names(chinese)) differ.push(`${key}: {${names(english)}} in en, {${names(chinese)}} in zh-HK`);
    for (const [name, choices] of english.selects) {
      const theirs = [...(chinese.selects.get(name) ?? [])].sort().join(' ');
      if ([...choices].sort().join(' ') !== theirs) differ.push(`${key}: ${name} chooses among ${[...choices].join(' ')} in en, ${theirs} in zh-HK`);
    }
  }
  assert.deepEqual(differ, []);
});

test('every message formats with its placeholders filled, for every select choice, and shows no placeholder', () => {
  const unfilled: string[] = [];
  for (const locale of LOCALES) {
    const t = translator(locale);
    for (const key of keys) {
      for (const params of sampleParams(partsOf(locale, key))) {
        const text = t(key, params);
        if (/[{}]/.test(text)) unfilled.push(`${locale} ${key} with ${JSON.stringify(params)}: ${text}`);
      }
    }
  }
  assert.deepEqual(unfilled, []);
});

test('繁體中文 has no English word outside the allow-list, in any branch of any message', () => {
  const english = keys
    .map((key) => ({ key, words: englishWords(partsOf('zh-HK', key).literals.join(' ')) }))
    .filter(({ words }) => words.length > 0)
    .map(({ key, words }) => `${key}: ${words.join(' ')}`);
  assert.deepEqual(english, []);
});

test('the English is gender-neutral: no he, she, him, her, his or hers', () => {
  const gendered = keys.filter((key) => /\b(?:he|she|him|her|his|hers)\b/i.test(partsOf('en', key).literals.join(' ')));
  assert.deepEqual(gendered, []);
});
