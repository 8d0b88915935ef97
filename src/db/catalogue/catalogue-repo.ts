import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import { jsonObjectText } from '../engine/sql-dialect.js';
import { ftsQueryOf, searchWords, tsQueryOf, type WordMatch } from '../../domain/catalogue/search-query.js';
import type { CatalogueRecord, CopyStatus, Copy } from '../../domain/catalogue/catalogue-record.js';

type CopyRow = Omit<Copy, 'transitTo'> & { transitTo: string | null };

/** The row as read, with the pickup location it travels to (a JSON object as text) parsed. */
const toCopy = ({ transitTo, ...copy }: CopyRow): Copy => ({ ...copy, transitTo: transitTo === null ? null : (JSON.parse(transitTo) as Copy['transitTo']) });

export type CatalogueRepo = ReturnType<typeof createCatalogueRepo>;

const RECORD = sql`r.id, r.isbn, r.title, r.author, r.publisher, r.year, r.subjects`;

/**
 * Records, their copies, and full-text search over them: FTS5 on SQLite (the table records_fts),
 * PostgreSQL's own on PostgreSQL (the column records.search, migration 004). How results are
 * ranked, the same on both:
 * 1. records with every word of the search in the title come first;
 * 2. then by relevance, a word found in the title weighing 10, in the author 5, in the subjects 2
 *    and in the ISBN 1: bm25 with those weights on SQLite (it also favours rarer words and shorter
 *    fields); ts_rank with the weights of the classes A to D, {D, C, B, A} = {0.1, 0.2, 0.5, 1.0};
 * 3. records that rank the same by title, then by id, so that paging is stable.
 * Words come from searchWords (domain/catalogue/search-query.ts): letters and digits only.
 */
export function createCatalogueRepo(database: Database) {
  const postgres = database.dialect === 'postgres';
  // On PostgreSQL the index holds words with their accents folded (search_text, unaccent), so the search
  // words are folded the same way first, then cleaned into words again before they become a tsquery:
  // folding turns some letters into tsquery syntax (ʼ into an apostrophe, ː into a colon).
  const fold = postgres ? database.statement((text: string) => sql<{ folded: string }>`SELECT search_text(${text}) AS folded`).pluck() : null;
  const queryOf = (words: readonly string[], match: WordMatch) =>
    fold ? tsQueryOf(searchWords(fold.get(words.join(' ')) ?? ''), match) : ftsQueryOf(words, match);

  type Page = { query: string; limit: number; offset: number };
  const search = database.statement((p: Page) =>
    postgres
      ? sql<CatalogueRecord>`SELECT ${RECORD} FROM records r CROSS JOIN to_tsquery('simple', ${p.query}) AS q
          WHERE r.search @@ q
          ORDER BY ts_filter(r.search, '{a}') @@ q DESC, ts_rank(CAST('{0.1, 0.2, 0.5, 1.0}' AS REAL[]), r.search, q) DESC, r.title, r.id
          LIMIT ${p.limit} OFFSET ${p.offset}`
      : // `title : (…)` is the same FTS5 query limited to the title column; the query stays a bound parameter.
        sql<CatalogueRecord>`SELECT ${RECORD} FROM records_fts JOIN records r ON r.id = records_fts.rowid
          WHERE records_fts MATCH ${p.query}
          ORDER BY records_fts.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH 'title : (' || ${p.query} || ')') DESC,
            bm25(records_fts, 10.0, 5.0, 2.0, 1.0), r.title, r.id
          LIMIT ${p.limit} OFFSET ${p.offset}`,
  );
  const count = database.statement((query: string) =>
    postgres
      ? sql<{ n: number }>`SELECT COUNT(*) AS n FROM records WHERE search @@ to_tsquery('simple', ${query})`
      : sql<{ n: number }>`SELECT COUNT(*) AS n FROM records_fts WHERE records_fts MATCH ${query}`,
  ).pluck();
  const withTitleWords = database.statement((query: string, limit: number) =>
    postgres
      ? sql<CatalogueRecord>`SELECT ${RECORD} FROM records r WHERE ts_filter(r.search, '{a}') @@ to_tsquery('simple', ${query}) ORDER BY r.id LIMIT ${limit}`
      : sql<CatalogueRecord>`SELECT ${RECORD} FROM records_fts JOIN records r ON r.id = records_fts.rowid
          WHERE records_fts MATCH 'title : (' || ${query} || ')' ORDER BY r.id LIMIT ${limit}`,
  );
  const byId = database.statement((id: number) => sql<CatalogueRecord>`SELECT ${RECORD} FROM records r WHERE r.id = ${id}`);
  const byIsbn = database.statement((isbn: string) => sql<CatalogueRecord>`SELECT ${RECORD} FROM records r WHERE r.isbn = ${isbn}`);

  const COPY = sql`SELECT c.id, c.record_id AS "recordId", c.item_barcode AS "itemBarcode", c.call_number AS "callNumber", c.location, c.status,
    (SELECT l.due_date FROM loans l WHERE l.copy_id = c.id AND l.returned_at IS NULL) AS "dueDate",
    (SELECT ${jsonObjectText(database.dialect, sql`'code', p.code, 'name', p.name`)} FROM requests q JOIN pickup_locations p ON p.id = q.pickup_location_id
      WHERE q.copy_id = c.id AND q.status = 'in_transit') AS "transitTo"`;
  const copiesOf = database.statement((recordId: number) => sql<CopyRow>`${COPY} FROM copies c WHERE c.record_id = ${recordId} ORDER BY c.item_barcode`);
  const copyByBarcode = database.statement((itemBarcode: string) => sql<CopyRow>`${COPY} FROM copies c WHERE c.item_barcode = ${itemBarcode}`);
  const copyById = database.statement((id: number) => sql<CopyRow>`${COPY} FROM copies c WHERE c.id = ${id}`);
  const onLoanTo = database.statement((patronId: number, recordId: number) => sql<CopyRow>`
    ${COPY} FROM copies c JOIN loans l ON l.copy_id = c.id AND l.returned_at IS NULL
    WHERE l.patron_id = ${patronId} AND c.record_id = ${recordId} ORDER BY l.due_date, c.item_barcode`);
  const onShelf = database.statement((recordId: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM copies WHERE record_id = ${recordId} AND status = 'available'`).pluck();
  const setStatus = database.statement((status: CopyStatus, id: number) => sql`UPDATE copies SET status = ${status} WHERE id = ${id}`);

  type NewRecord = Omit<CatalogueRecord, 'id'>;
  const insertRecord = database.statement((r: NewRecord) => sql`
    INSERT INTO records (isbn, title, author, publisher, year, subjects) VALUES (${r.isbn}, ${r.title}, ${r.author}, ${r.publisher}, ${r.year}, ${r.subjects})`);
  const updateRecord = database.statement((r: NewRecord) => sql`
    UPDATE records SET title = ${r.title}, author = ${r.author}, publisher = ${r.publisher}, year = ${r.year}, subjects = ${r.subjects} WHERE isbn = ${r.isbn}`);
  type NewCopy = { recordId: number; itemBarcode: string; callNumber: string; location: string };
  const upsertCopy = database.statement((c: NewCopy) => sql`
    INSERT INTO copies (record_id, item_barcode, call_number, location) VALUES (${c.recordId}, ${c.itemBarcode}, ${c.callNumber}, ${c.location})
    ON CONFLICT (item_barcode) DO UPDATE SET record_id = excluded.record_id, call_number = excluded.call_number, location = excluded.location`);

  return {
    /** How many records have every word (as the start of a word) in any field. */
    count: (words: readonly string[]) => count.get(queryOf(words, 'prefix')) ?? 0,
    /** One page of the records with every word (as the start of a word) in any field, best first (see above). */
    searchPage: (words: readonly string[], limit: number, offset: number) => search.all({ query: queryOf(words, 'prefix'), limit, offset }),
    /** The first `limit` records, by id, with every one of the words, whole, in the title. */
    withTitleWords: (words: readonly string[], limit: number) => withTitleWords.all(queryOf(words, 'whole'), limit),
    findRecord: (id: number) => byId.get(id),
    findRecordByIsbn: (isbn: string) => byIsbn.get(isbn),
    copiesOf: (recordId: number) => copiesOf.all(recordId).map(toCopy),
    findCopyByBarcode: (itemBarcode: string) => {
      const row = copyByBarcode.get(itemBarcode);
      return row && toCopy(row);
    },
    findCopy: (id: number) => {
      const row = copyById.get(id);
      return row && toCopy(row);
    },
    setCopyStatus(copyId: number, status: CopyStatus): void {
      setStatus.run(status, copyId);
    },
    copiesOnShelf: (recordId: number) => onShelf.get(recordId) ?? 0,
    /** The copies of a record on loan to this patron now (usually none or one), soonest due first. */
    copiesOnLoanTo: (patronId: number, recordId: number) => onLoanTo.all(patronId, recordId).map(toCopy),
    /** Inserts or updates a record by ISBN; returns its id. */
    upsertRecord(record: NewRecord): number {
      if (byIsbn.get(record.isbn)) updateRecord.run(record);
      else insertRecord.run(record);
      return byIsbn.get(record.isbn)!.id;
    },
    upsertCopy(copy: NewCopy): void {
      upsertCopy.run(copy);
    },
  };
}
