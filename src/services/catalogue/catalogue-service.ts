/**
 * The catalogue: searching it (SQLite FTS5, ranked, paged, safe for any characters), a
 * record with its copies, and `myrecord catalogue import FILE.csv` (one row per copy,
 * checked whole first: one bad row and nothing is imported).
 */
import type { Database } from '../../db/engine/database.js';
import type { CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { CatalogueRecord } from '../../domain/catalogue/catalogue-record.js';
import type { RequestRepo } from '../../db/circulation/request-repo.js';
import { normaliseIsbn13 } from '../../domain/shared/isbn.js';
import { searchWords } from '../../domain/catalogue/search-query.js';
import { readCsvTable, type CsvProblem, type CsvTableProblemCode, type LineProblems } from '../../lib/csv-table.js';

export const PAGE_SIZE = 20;

export const CATALOGUE_COLUMNS = [
  'isbn',
  'title',
  'author',
  'publisher',
  'year',
  'subjects',
  'call_number',
  'item_barcode',
  'location',
] as const;
type CatalogueColumn = (typeof CATALOGUE_COLUMNS)[number];
const REQUIRED: readonly CatalogueColumn[] = ['isbn', 'title', 'author', 'call_number', 'item_barcode', 'location'];

/** A record in the results, with how many copies the library has and how many are on the shelf. */
export type SearchResultRecord = CatalogueRecord & { copies: number; onShelf: number };

/**
 * What a search found. `no-words`: nothing to search for (an empty box, or only signs such as
 * `*`); `no-match`: words that no record has, with how many words there were; `found`: one page,
 * `page` within 1…`pages` whatever page was asked for.
 */
export type SearchResult =
  | { kind: 'no-words'; query: string }
  | { kind: 'no-match'; query: string; words: number }
  | { kind: 'found'; query: string; page: number; pages: number; total: number; records: SearchResultRecord[] };

/** What a line of a catalogue file can be refused for. */
export type CatalogueImportProblemCode =
  | CsvTableProblemCode
  | 'ISBN_INVALID'
  | 'FIELD_MISSING'
  | 'FIELD_TOO_LONG'
  | 'YEAR_INVALID'
  | 'ITEM_BARCODE_INVALID'
  | 'ISBN_TITLE_CONFLICT'
  | 'ITEM_BARCODE_DUPLICATE';
export type CatalogueLineProblems = LineProblems<CatalogueImportProblemCode>;

export interface CatalogueImportReport {
  rows: number;
  bad: CatalogueLineProblems[];
  imported: boolean;
  records: number;
  copies: number;
}

interface CopyRow {
  line: number;
  record: Omit<CatalogueRecord, 'id'>;
  copy: { itemBarcode: string; callNumber: string; location: string };
}

function checkRow(
  fields: Partial<Record<CatalogueColumn, string>>,
): { ok: true; row: Omit<CopyRow, 'line'> } | { ok: false; problems: Array<CsvProblem<CatalogueImportProblemCode>> } {
  const get = (name: CatalogueColumn) => (fields[name] ?? '').trim();
  const problems: Array<CsvProblem<CatalogueImportProblemCode>> = [];
  const isbn = normaliseIsbn13(get('isbn'));
  if (!isbn) problems.push({ code: 'ISBN_INVALID' });
  for (const name of ['title', 'author', 'call_number', 'location'] as const) {
    if (get(name) === '') problems.push({ code: 'FIELD_MISSING', params: { column: name } });
    else if (get(name).length > 300) problems.push({ code: 'FIELD_TOO_LONG', params: { column: name, max: 300 } });
  }
  const year = get('year');
  if (year !== '' && !/^\d{3,4}$/.test(year)) problems.push({ code: 'YEAR_INVALID' });
  const itemBarcode = get('item_barcode').toUpperCase();
  if (!/^[A-Z0-9]{1,32}$/.test(itemBarcode)) problems.push({ code: 'ITEM_BARCODE_INVALID' });
  if (!isbn || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    row: {
      record: {
        isbn,
        title: get('title'),
        author: get('author'),
        publisher: get('publisher') || null,
        year: year === '' ? null : Number(year),
        subjects: get('subjects').slice(0, 1000),
      },
      copy: { itemBarcode, callNumber: get('call_number'), location: get('location') },
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;

export function createCatalogueService(deps: { db: Database; catalogue: CatalogueRepo; requests: RequestRepo }) {
  const { db, catalogue, requests } = deps;

  return {
    /** One page of the records matching the words of `query`; a page past the last is the last. */
    search(query: string, requestedPage: number): SearchResult {
      const words = searchWords(query);
      if (words.length === 0) return { kind: 'no-words', query };
      // One snapshot: the count and the page come from the same state of the catalogue.
      return db.snapshot((): SearchResult => {
        const total = catalogue.count(words);
        if (total === 0) return { kind: 'no-match', query, words: words.length };
        const pages = Math.ceil(total / PAGE_SIZE);
        const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pages);
        const records = catalogue.searchPage(words, PAGE_SIZE, (page - 1) * PAGE_SIZE).map((record) => {
          const copies = catalogue.copiesOf(record.id);
          return { ...record, copies: copies.length, onShelf: copies.filter((c) => c.status === 'available').length };
        });
        return { kind: 'found', query, page, pages, total, records };
      });
    },

    /**
     * A record, its copies, the queue for it, where it may be picked up, and what the patron has
     * to do with it already: copies on loan to them, and their open request for it.
     */
    recordPage(recordId: number, patronId: number) {
      const record = catalogue.findRecord(recordId);
      if (!record) return undefined;
      return {
        record,
        copies: catalogue.copiesOf(recordId),
        waiting: requests.waitingCount(recordId),
        pickupLocations: requests.pickupLocations(),
        yourLoans: catalogue.copiesOnLoanTo(patronId, recordId),
        yourRequest: requests.openOfPatron(patronId).find((request) => request.recordId === recordId),
      };
    },

    importCsv(text: string): CatalogueImportReport {
      const table = readCsvTable(text, CATALOGUE_COLUMNS, REQUIRED);
      if (!table.ok) return { rows: table.total, bad: table.bad, imported: false, records: 0, copies: 0 };
      const bad: CatalogueLineProblems[] = [...table.bad];
      const rows: CopyRow[] = [];
      const titleOf = new Map<string, { title: string; line: number }>();
      const itemLine = new Map<string, number>();
      for (const { line, fields } of table.rows) {
        const checked = checkRow(fields);
        if (!checked.ok) {
          bad.push({ line, problems: checked.problems });
          continue;
        }
        const { record, copy } = checked.row;
        const seen = titleOf.get(record.isbn);
        if (seen && seen.title !== record.title) {
          bad.push({ line, problems: [{ code: 'ISBN_TITLE_CONFLICT', params: { isbn: record.isbn, line: seen.line } }] });
          continue;
        }
        const earlier = itemLine.get(copy.itemBarcode);
        if (earlier !== undefined) {
          bad.push({ line, problems: [{ code: 'ITEM_BARCODE_DUPLICATE', params: { item: copy.itemBarcode, line: earlier } }] });
          continue;
        }
        titleOf.set(record.isbn, { title: record.title, line });
        itemLine.set(copy.itemBarcode, line);
        rows.push({ line, record, copy });
      }
      bad.sort((a, b) => a.line - b.line);
      const report: CatalogueImportReport = { rows: table.rows.length + table.bad.length, bad, imported: false, records: 0, copies: 0 };
      if (bad.length > 0) return report;
      db.transaction(() => {
        const ids = new Map<string, number>();
        for (const { record, copy } of rows) {
          let recordId = ids.get(record.isbn);
          if (recordId === undefined) {
            recordId = catalogue.upsertRecord(record);
            ids.set(record.isbn, recordId);
          }
          catalogue.upsertCopy({ recordId, ...copy });
        }
        report.records = ids.size;
        report.copies = rows.length;
      });
      report.imported = true;
      return report;
    },
  };
}
