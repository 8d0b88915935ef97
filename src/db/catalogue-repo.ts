import type { Db } from './connection.js';

export interface CatalogueRecord {
  id: number;
  isbn: string;
  title: string;
  author: string;
  publisher: string | null;
  year: number | null;
  subjects: string;
}

export type CopyStatus = 'available' | 'on_loan' | 'on_hold' | 'missing';

export interface Copy {
  id: number;
  recordId: number;
  itemBarcode: string;
  callNumber: string;
  location: string;
  status: CopyStatus;
  /** Set while on loan. */
  dueDate: string | null;
  /** The pickup location the copy is on its way to for a request (it is then 'on_hold'): code and stored name. */
  transitTo: { code: string; name: string } | null;
}

type CopyRow = Omit<Copy, 'transitTo'> & { transitTo: string | null };

/** The row as read, with the pickup location it travels to (a JSON object from SQLite) parsed. */
const toCopy = ({ transitTo, ...copy }: CopyRow): Copy => ({ ...copy, transitTo: transitTo === null ? null : (JSON.parse(transitTo) as Copy['transitTo']) });

export type CatalogueRepo = ReturnType<typeof createCatalogueRepo>;

const COPY_COLUMNS = `c.id, c.record_id AS recordId, c.item_barcode AS itemBarcode, c.call_number AS callNumber, c.location, c.status,
  (SELECT l.due_date FROM loans l WHERE l.copy_id = c.id AND l.returned_at IS NULL) AS dueDate,
  (SELECT json_object('code', p.code, 'name', p.name) FROM requests q JOIN pickup_locations p ON p.id = q.pickup_location_id
    WHERE q.copy_id = c.id AND q.status = 'in_transit') AS transitTo`;

/**
 * Records, their copies, and full-text search over them (FTS5). How results are ranked:
 * 1. records with every word of the search in the title come first;
 * 2. then by bm25 relevance, a word found in the title weighing 10, in the author 5, in the
 *    subjects 2 and in the ISBN 1 (bm25 also favours rarer words and shorter fields);
 * 3. records that rank the same by title, then by id, so that paging is stable.
 */
export function createCatalogueRepo(db: Db) {
  // `title : (…)` is the same FTS5 query limited to the title column; @query stays a bound parameter.
  const search = db.prepare<{ query: string; limit: number; offset: number }, CatalogueRecord>(
    `SELECT r.id, r.isbn, r.title, r.author, r.publisher, r.year, r.subjects
     FROM records_fts JOIN records r ON r.id = records_fts.rowid
     WHERE records_fts MATCH @query
     ORDER BY records_fts.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH 'title : (' || @query || ')') DESC,
       bm25(records_fts, 10.0, 5.0, 2.0, 1.0), r.title, r.id
     LIMIT @limit OFFSET @offset`,
  );
  const count = db.prepare<[string], number>('SELECT COUNT(*) FROM records_fts WHERE records_fts MATCH ?').pluck();
  const byId = db.prepare<[number], CatalogueRecord>('SELECT id, isbn, title, author, publisher, year, subjects FROM records WHERE id = ?');
  const byIsbn = db.prepare<[string], CatalogueRecord>('SELECT id, isbn, title, author, publisher, year, subjects FROM records WHERE isbn = ?');
  const copiesOf = db.prepare<[number], CopyRow>(`SELECT ${COPY_COLUMNS} FROM copies c WHERE c.record_id = ? ORDER BY c.item_barcode`);
  const copyByBarcode = db.prepare<[string], CopyRow>(`SELECT ${COPY_COLUMNS} FROM copies c WHERE c.item_barcode = ?`);
  const copyById = db.prepare<[number], CopyRow>(`SELECT ${COPY_COLUMNS} FROM copies c WHERE c.id = ?`);
  const setStatus = db.prepare('UPDATE copies SET status = ? WHERE id = ?');
  const insertRecord = db.prepare('INSERT INTO records (isbn, title, author, publisher, year, subjects) VALUES (@isbn, @title, @author, @publisher, @year, @subjects)');
  const updateRecord = db.prepare('UPDATE records SET title = @title, author = @author, publisher = @publisher, year = @year, subjects = @subjects WHERE isbn = @isbn');
  const upsertCopy = db.prepare(`INSERT INTO copies (record_id, item_barcode, call_number, location) VALUES (@recordId, @itemBarcode, @callNumber, @location)
    ON CONFLICT (item_barcode) DO UPDATE SET record_id = excluded.record_id, call_number = excluded.call_number, location = excluded.location`);
  const onLoanTo = db.prepare<[number, number], CopyRow>(
    `SELECT ${COPY_COLUMNS} FROM copies c JOIN loans l ON l.copy_id = c.id AND l.returned_at IS NULL
     WHERE l.patron_id = ? AND c.record_id = ? ORDER BY l.due_date, c.item_barcode`,
  );
  const onShelf = db.prepare<[number], number>("SELECT COUNT(*) FROM copies WHERE record_id = ? AND status = 'available'").pluck();

  return {
    /** How many records match an FTS5 query. */
    count: (ftsQuery: string) => count.get(ftsQuery) ?? 0,
    /** One page of the records matching an FTS5 query, best first (see above). */
    searchPage: (ftsQuery: string, limit: number, offset: number) => search.all({ query: ftsQuery, limit, offset }),
    /** One page of records matching an FTS5 query, best first, with the number of matches in all. */
    search(ftsQuery: string, limit: number, offset: number): { records: CatalogueRecord[]; total: number } {
      return { records: search.all({ query: ftsQuery, limit, offset }), total: count.get(ftsQuery) ?? 0 };
    },
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
    upsertRecord(record: Omit<CatalogueRecord, 'id'>): number {
      if (byIsbn.get(record.isbn)) updateRecord.run(record);
      else insertRecord.run(record);
      return byIsbn.get(record.isbn)!.id;
    },
    upsertCopy(copy: { recordId: number; itemBarcode: string; callNumber: string; location: string }): void {
      upsertCopy.run(copy);
    },
  };
}
