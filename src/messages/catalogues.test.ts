/**
 * What a translator can get wrong in a catalogue without the type-check noticing: a key too many, a
 * message that does not parse or leaves a placeholder showing, a placeholder renamed or dropped, an
 * English plural category in Chinese, a key or a word left in English, half-width punctuation in
 * Chinese text, a note for a key that does not exist; and English that is not gender-neutral.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntlMessageFormat } from 'intl-messageformat';
import en from './en.json' with { type: 'json' };
import zhHK from './zh-HK.json' with { type: 'json' };
import notes from './notes.json' with { type: 'json' };
import { translator, type MessageKey, type Params } from './index.js';
import { LOCALE_INFO, LOCALES, type Locale } from '../domain/shared/locale.js';
import { englishWords } from '../test-support/english-words.js';
import { messageParts, type MessageParts } from '../test-support/icu-message.js';

type Element = ReturnType<IntlMessageFormat['getAst']>[number];
type Use = 'plural' | 'select' | 'plain';

/** Every argument a message uses, with how it is used; plural and select options are walked too. */
function argumentsOf(elements: readonly Element[], found = new Map<string, Set<Use>>()): Map<string, Set<Use>> {
  for (const element of elements) {
    if (!('value' in element) || typeof element.value !== 'string') continue;
    if ('options' in element) {
      const use: Use = 'pluralType' in element ? 'plural' : 'select';
      if (!found.has(element.value)) found.set(element.value, new Set());
      found.get(element.value)!.add(use);
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    } else if ((element.type as number) !== 0 /* a literal's value is its text, not a name */) {
      if (!found.has(element.value)) found.set(element.value, new Set());
      found.get(element.value)!.add('plain');
    }
  }
  return found;
}

/** The option keys of every plural in a message. */
function pluralOptions(elements: readonly Element[]): string[] {
  return elements.flatMap((element) =>
    'options' in element && 'pluralType' in element
      ? [...Object.keys(element.options), ...Object.values(element.options).flatMap((option) => pluralOptions(option.value))]
      : 'options' in element
        ? Object.values(element.options).flatMap((option) => pluralOptions(option.value))
        : [],
  );
}

const parse = (message: string, locale: string) => new IntlMessageFormat(message, locale).getAst();
const keys = Object.keys(en) as MessageKey[];

test('every message parses as ICU, with no apostrophe quoting a brace or #', () => {
  for (const [locale, catalogue] of [
    ['en-HK', en],
    ['zh-HK', zhHK],
  ] as const) {
    for (const key of keys) {
      assert.doesNotThrow(() => parse(catalogue[key], locale), `${locale} ${key}`);
      assert.doesNotMatch(catalogue[key], /'[{}#]/, `${locale} ${key}`);
    }
  }
});

test('the Chinese message of each key takes the same placeholders as the English, and a count is a plural in both', () => {
  for (const key of keys) {
    const english = argumentsOf(parse(en[key], 'en-HK'));
    const chinese = argumentsOf(parse(zhHK[key], 'zh-HK'));
    assert.deepEqual([...chinese.keys()].sort(), [...english.keys()].sort(), key);
    for (const [name, uses] of english) {
      assert.equal(chinese.get(name)!.has('plural'), uses.has('plural'), `${key}: {${name}} is a plural in one language only`);
    }
  }
});

test('Chinese plurals use only "other" (and exact =N cases): Chinese has one plural form', () => {
  for (const key of keys) {
    for (const option of pluralOptions(parse(zhHK[key], 'zh-HK'))) assert.match(option, /^(other|=\d+)$/, key);
  }
});

// The same in both languages on purpose: names, and what Hong Kong libraries leave in English.
const SAME_IN_BOTH: readonly MessageKey[] = [
  'app.name',
  'home.title',
  'service.iBooking',
  'nav.bookings',
  'booking.title',
  'login.pin',
  'cat.isbn',
  'ill.details.isbn',
  'staff.col.pin',
  'staff.patron.pinStatus',
  'fileSize.kb',
  'fileSize.mb',
];

test('every key is translated into Chinese, apart from a few names', () => {
  const untranslated = keys.filter((key) => zhHK[key] === en[key] && !SAME_IN_BOTH.includes(key));
  assert.deepEqual(untranslated, []);
});

test('Chinese text takes full-width punctuation next to Chinese characters', () => {
  const halfWidthNextToHan = /\p{Script=Han}[,.;:?!()"]|[,;:?!()"]\p{Script=Han}/u;
  const offending = keys.filter((key) => halfWidthNextToHan.test(zhHK[key]));
  assert.deepEqual(offending, []);
});

test('every translator note is for a key of the catalogues, and says something', () => {
  for (const [key, note] of Object.entries(notes)) {
    assert.ok(Object.hasOwn(en, key), `notes.json has a note for "${key}", which is not in en.json`);
    assert.ok(typeof note === 'string' && note.trim().length > 10, `the note for "${key}" is empty`);
  }
});

const catalogues: Record<Locale, Record<string, string>> = { en, 'zh-HK': zhHK };

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
