import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dialect } from '../../db/engine/database.js';
import { openTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../test-support/databases.js';
import { createCatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import { createRequestRepo } from '../../db/circulation/request-repo.js';
import { CATALOGUE_COLUMNS, createCatalogueService, PAGE_SIZE, type CatalogueService, type SearchResult } from './catalogue-service.js';

/** A valid ISBN-13 for the n-th test record. */
function isbn(n: number): string {
  const twelve = `978${String(n).padStart(9, '0')}`;
  const sum = [...twelve].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

type Row = { title: string; author?: string; subjects?: string };

let service: CatalogueService;
let opened: TestDatabase | undefined;
afterEach(() => {
  opened?.drop();
  opened = undefined;
});
function catalogueOf(dialect: Dialect, rows: Row[]): void {
  opened = openTestDatabase(dialect);
  const db = opened.database;
  service = createCatalogueService({ db, catalogue: createCatalogueRepo(db), requests: createRequestRepo(db) });
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = rows.map((r, i) =>
    [
      isbn(i + 1),
      quote(r.title),
      quote(r.author ?? 'Anon'),
      '',
      '1900',
      quote(r.subjects ?? ''),
      `PR${i}`,
      `3${String(i).padStart(7, '0')}`,
      'Main Library',
    ].join(','),
  );
  const report = service.importCsv([CATALOGUE_COLUMNS.join(','), ...lines].join('\n'));
  assert.ok(report.imported, JSON.stringify(report.bad));
}

/** Records without the words searched for: SQLite's bm25 counts a word found in every record as worth nothing. */
const POEMS: Row[] = Array.from({ length: 8 }, (_, i) => ({ title: `Poems, book ${i + 1}`, subjects: 'Poetry' }));

const titles = (result: SearchResult) => (result.kind === 'found' ? result.records.map((r) => r.title) : []);

for (const dialect of TEST_DIALECTS) {
  describe(`${dialect}: catalogue search: what it finds, and in which order`, () => {
    test('a record with every word in its title comes before one that has them only elsewhere, however often', () => {
      catalogueOf(dialect, [
        { title: 'Sea Stories', author: 'Whale, Whale', subjects: Array(12).fill('Whale').join('; ') },
        { title: 'A Long Account of the Voyage, the Crew, the Ship and at Last the Whale', author: 'Melville, Herman' },
        ...POEMS,
      ]);
      assert.deepEqual(titles(service.search('whale', 1)), [
        'A Long Account of the Voyage, the Crew, the Ship and at Last the Whale',
        'Sea Stories',
      ]);
    });

    test('of two words, a record with both in its title comes before one with one of them there and both often elsewhere', () => {
      catalogueOf(dialect, [
        { title: 'Whale Songs', author: 'Moby, Moby', subjects: 'Moby Whale; Moby Whale; Moby Whale; Moby Whale' },
        { title: 'The Long Story of a White Whale Called Moby', author: 'Melville, Herman' },
        ...POEMS,
      ]);
      assert.deepEqual(titles(service.search('moby whale', 1)), ['The Long Story of a White Whale Called Moby', 'Whale Songs']);
    });

    test('among records without every word in the title, a word in the title weighs more than in the subjects', () => {
      catalogueOf(dialect, [
        { title: 'Notes', subjects: 'Whales; Ocean' },
        { title: 'Whales of the Pacific', subjects: 'Ocean' },
        ...POEMS,
      ]);
      assert.deepEqual(titles(service.search('ocean whales', 1)), ['Whales of the Pacific', 'Notes']);
    });

    test('case and accents are ignored: "bronte" and "BRONTË" find Brontë, "eugenie" Eugénie', () => {
      catalogueOf(dialect, [
        { title: 'Jane Eyre', author: 'Brontë, Charlotte' },
        { title: 'Eugénie Grandet', author: 'Balzac, Honoré de' },
        ...POEMS,
      ]);
      for (const typed of ['bronte', 'BRONTË', 'Brontë']) assert.deepEqual(titles(service.search(typed, 1)), ['Jane Eyre'], typed);
      assert.deepEqual(titles(service.search('eugenie honore', 1)), ['Eugénie Grandet']);
    });

    test('records that rank the same keep one order, so that no record is on two pages or none', () => {
      catalogueOf(
        dialect,
        Array.from({ length: PAGE_SIZE + 5 }, (_, i) => ({ title: `Poems ${String.fromCharCode(90 - i)}` })),
      );
      const all = [...titles(service.search('poems', 1)), ...titles(service.search('poems', 2))];
      assert.equal(new Set(all).size, PAGE_SIZE + 5);
      assert.deepEqual(all, [...all].sort());
    });
  });

  describe(`${dialect}: catalogue search: what it answers`, () => {
    beforeEach(() =>
      catalogueOf(
        dialect,
        Array.from({ length: 2 * PAGE_SIZE + 3 }, (_, i) => ({ title: `Essays, volume ${i + 1}` })),
      ),
    );

    test('a page past the last one is the last page; page 0 or not a number is the first', () => {
      const pageOf = (asked: number) => {
        const result = service.search('essays', asked);
        assert.equal(result.kind, 'found');
        return result.kind === 'found' ? { page: result.page, pages: result.pages, shown: result.records.length } : undefined;
      };
      for (const asked of [3, 4, 999, Infinity]) assert.deepEqual(pageOf(asked), { page: 3, pages: 3, shown: 3 }, String(asked));
      for (const asked of [0, -2, NaN]) assert.deepEqual(pageOf(asked), { page: 1, pages: 3, shown: PAGE_SIZE }, String(asked));
    });

    test('nothing to search for, and no match, are told apart, with the number of words searched', () => {
      assert.deepEqual(service.search('', 1), { kind: 'no-words', query: '' });
      assert.deepEqual(service.search(' *%" ', 1), { kind: 'no-words', query: ' *%" ' });
      assert.deepEqual(service.search('xylophone', 1), { kind: 'no-match', query: 'xylophone', words: 1 });
      assert.deepEqual(service.search('essays xylophone', 1), { kind: 'no-match', query: 'essays xylophone', words: 2 });
    });
  });
}
