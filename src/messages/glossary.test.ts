/**
 * The glossary (docs/glossary.md) holds each thing to one word: this reads its tables, so the page a
 * translator reads and the check that holds the catalogues to it cannot drift apart. A retired word
 * back in a message, a word used outside its area, a mail greeting of its own, or a size unit glued
 * to its number fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import en from './en.json' with { type: 'json' };
import zhHK from './zh-HK.json' with { type: 'json' };

const glossary = readFileSync(new URL('../../docs/glossary.md', import.meta.url), 'utf8');
const catalogues = { en: en as Record<string, string>, 'zh-HK': zhHK as Record<string, string> };

/** The rows of the first table under `## heading`, as cells. */
function tableRows(heading: string): string[][] {
  const start = glossary.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `docs/glossary.md has a "## ${heading}" section`);
  const lines = glossary.slice(start).split('\n').slice(2);
  const first = lines.findIndex((line) => line.startsWith('|'));
  const table = lines.slice(
    first,
    lines.findIndex((line, index) => index > first && !line.startsWith('|')),
  );
  return table.slice(2).map((line) => line.split('|').slice(1, -1));
}

const inBackticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An English word as a whole word, not part of a longer one ("mailed" is not in "e-mailed"). */
const englishWord = (word: string) => new RegExp(`(?<![\\w-])${escape(word)}(?![\\w-])`, 'i');

const terms = tableRows('Terms');
const retired = {
  en: terms.flatMap((cells) => inBackticks(cells[3] ?? '')),
  'zh-HK': terms.flatMap((cells) => inBackticks(cells[4] ?? '')),
};

/** A message without the names of its placeholders and their kinds: `{mailed, plural, …}` is not the word "mailed". */
const readable = (message: string) => message.replace(/\{\s*[\w.]+\s*(?:,\s*(?:plural|select|selectordinal|number|date|time)\s*,?)?/g, '{');

/** The keys of `locale` whose message holds `word` where a reader sees it. */
function keysWith(locale: keyof typeof catalogues, word: string): string[] {
  const found = locale === 'en' ? (message: string) => englishWord(word).test(message) : (message: string) => message.includes(word);
  return Object.entries(catalogues[locale])
    .filter(([, message]) => found(readable(message)))
    .map(([key]) => key);
}

test('the glossary lists retired words in both languages (its tables are read, not skipped)', () => {
  assert.ok(terms.length >= 20, `${terms.length} terms read from docs/glossary.md`);
  assert.ok(retired.en.includes('reservation') && retired['zh-HK'].includes('您'), 'the retired words are read from their columns');
});

test('no message uses a word the glossary has retired', () => {
  const found = (['en', 'zh-HK'] as const).flatMap((locale) =>
    retired[locale].flatMap((word) => keysWith(locale, word).map((key) => `${locale} ${key}: "${word}"`)),
  );
  assert.deepEqual(found, []);
});

test('a word kept to one area is used only there', () => {
  const rows = tableRows('Words kept to one area');
  assert.ok(rows.length >= 2, 'the table of words kept apart is read');
  for (const [wordCell = '', onlyCell = '', neverCell = ''] of rows) {
    const [word] = inBackticks(wordCell);
    assert.ok(word, `a row names its word: ${wordCell}`);
    const only = inBackticks(onlyCell);
    const never = inBackticks(neverCell);
    const keys = keysWith('zh-HK', word);
    assert.ok(keys.length > 0, `"${word}" is used somewhere: the glossary row is not stale`);
    const outside = keys.filter(
      (key) => (only.length > 0 && !only.some((prefix) => key.startsWith(prefix))) || never.some((prefix) => key.startsWith(prefix)),
    );
    assert.deepEqual(outside, [], `"${word}" outside its area`);
  }
});

test('every mail greets the reader the same way: "Dear {name}," and 「{name}，你好：」', () => {
  const bodies = Object.keys(en).filter((key) => key.startsWith('mail.') && key.endsWith('.body'));
  assert.ok(bodies.length > 10, 'the mail bodies are found');
  const other = bodies.filter(
    (key) =>
      !/^Dear (\{name\}|administrator),\n/.test(catalogues.en[key]!) || !/^(\{name\}|管理員)，你好：\n/.test(catalogues['zh-HK'][key]!),
  );
  assert.deepEqual(other, []);
});

test('a size in MB or KB has a space between the number and the unit', () => {
  const glued = (['en', 'zh-HK'] as const).flatMap((locale) =>
    Object.entries(catalogues[locale])
      .filter(([, message]) => /[\d}](?:MB|KB)\b/.test(message))
      .map(([key]) => `${locale} ${key}`),
  );
  assert.deepEqual(glued, []);
});
