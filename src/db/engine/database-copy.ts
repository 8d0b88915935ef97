import { sql, type RawBuilder } from 'kysely';
import type { Database } from './database.js';
import { migrateDatabase } from './migrate.js';

/** One table copied: its rows in the source, and in the target once copied. */
export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export type CopyResult =
  | { ok: true; tables: TableCount[] }
  /** The target already holds tables: nothing was written to it. */
  | { ok: false; reason: 'target-not-empty'; tables: string[] }
  /** A table's counts differ after the copy: the copy was rolled back, the target is empty again. */
  | { ok: false; reason: 'counts-differ'; tables: TableCount[] };

/** Rows read and written at a time: one statement each way, whatever the table's width. */
const BATCH_ROWS = 500;

/** The tables of the database's own schema, by name. */
function tablesOf(database: Database): string[] {
  const statement =
    database.dialect === 'postgres'
      ? database.statement(() => sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
      : // FTS5's index and its shadow tables are SQLite's own, kept by triggers on records.
        database.statement(() => sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'records_fts%'`);
  return statement.pluck().all().sort();
}

/** Which tables each table's foreign keys point at. */
function referencesOf(database: Database): Array<{ table: string; references: string }> {
  return database.dialect === 'postgres'
    ? database.statement(() => sql<{ table: string; references: string }>`
        SELECT c.relname AS "table", r.relname AS "references" FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
        WHERE k.contype = 'f' AND k.connamespace = CAST(current_schema() AS REGNAMESPACE)`).all()
    : database.statement(() => sql<{ table: string; references: string }>`
        SELECT m.name AS "table", f."table" AS "references" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`).all();
}

/** The columns a copy writes, in order: every column but those the database computes itself (records.search). */
function writableColumns(database: Database, table: string): string[] {
  return database.dialect === 'postgres'
    ? database.statement((t: string) => sql<{ name: string }>`
        SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${t} AND is_generated = 'NEVER' ORDER BY ordinal_position`).pluck().all(table)
    : database.statement((t: string) => sql<{ name: string }>`SELECT name FROM pragma_table_xinfo(${t}) WHERE hidden = 0 ORDER BY cid`).pluck().all(table);
}

/** The primary key's columns, by which rows are read in a stable order, batch after batch. */
function keyColumns(database: Database, table: string): string[] {
  return database.dialect === 'postgres'
    ? database.statement((t: string) => sql<{ name: string }>`
        SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = CAST(${t} AS REGCLASS) AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`).pluck().all(table)
    : database.statement((t: string) => sql<{ name: string }>`SELECT name FROM pragma_table_info(${t}) WHERE pk > 0 ORDER BY pk`).pluck().all(table);
}

/** Tables in an order where each comes after those it refers to, so that every foreign key holds as rows go in. */
export function inReferenceOrder(tables: readonly string[], references: ReadonlyArray<{ table: string; references: string }>): string[] {
  const ordered: string[] = [];
  const placing = new Set<string>();
  const place = (table: string) => {
    if (ordered.includes(table) || placing.has(table)) return; // placing: a table that refers to itself
    placing.add(table);
    // By name, so that both dialects, whatever order they list foreign keys in, give one order.
    const referred = references.filter((r) => r.table === table && r.references !== table && tables.includes(r.references)).map((r) => r.references);
    for (const other of [...new Set(referred)].sort()) place(other);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) place(table);
  return ordered;
}

const count = (database: Database, table: string) =>
  database.statement(() => sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`).pluck().get() ?? 0;

/** A list of identifiers, each quoted. */
const identifiers = (names: readonly string[]): RawBuilder<unknown> => sql.join(names.map((name) => sql.id(name)));

/**
 * Rows given as one JSON array of objects, inserted by one statement: json_populate_recordset on
 * PostgreSQL (each value read as its column's type), json_each on SQLite.
 */
function insertRows(target: Database, table: string, columns: readonly string[]) {
  return target.dialect === 'postgres'
    ? target.statement((rows: string) => sql`
        INSERT INTO ${sql.table(table)} (${identifiers(columns)})
        SELECT ${identifiers(columns)} FROM json_populate_recordset(CAST(NULL AS ${sql.table(table)}), CAST(${rows} AS JSON))`)
    : target.statement((rows: string) => sql`
        INSERT INTO ${sql.table(table)} (${identifiers(columns)})
        SELECT ${sql.join(columns.map((c) => sql`value ->> ${sql.lit(`$.${c}`)}`))} FROM json_each(${rows})`);
}

/**
 * Copies every row of `source` into `target`, an empty database of either dialect: the target is
 * migrated to the same schema, the rows its migrations seeded (loan rules, pickup locations…) give
 * way to the source's, tables are filled in the order of their foreign keys, PostgreSQL's id
 * sequences are moved past the copied ids, and each table's rows are counted on both sides. All of
 * it in one transaction of the target: a copy that fails, or whose counts differ, leaves it empty.
 * The source, migrated already (as openConfiguredDatabase leaves it), is read in one snapshot, so
 * a portal still running on it is copied as of one moment.
 */
export function copyDatabase(source: Database, target: Database, onTable: (count: TableCount) => void = () => {}): CopyResult {
  const existing = tablesOf(target);
  if (existing.length > 0) return { ok: false, reason: 'target-not-empty', tables: existing };
  const counts: TableCount[] = [];
  const differ = new Error('counts differ');
  try {
    source.snapshot(() =>
      target.transaction(() => {
        migrateDatabase(target);
        const tables = tablesOf(target).filter((t) => t !== 'schema_migrations');
        const order = inReferenceOrder(tables, referencesOf(target));
        for (const table of [...order].reverse()) target.statement(() => sql`DELETE FROM ${sql.table(table)}`).run();
        for (const table of order) {
          const columns = writableColumns(target, table);
          const key = keyColumns(source, table);
          const read = source.statement((limit: number, offset: number) => sql<Record<string, unknown>>`
            SELECT ${identifiers(columns)} FROM ${sql.table(table)} ORDER BY ${identifiers(key.length > 0 ? key : columns)} LIMIT ${limit} OFFSET ${offset}`);
          const insert = insertRows(target, table, columns);
          for (let offset = 0; ; offset += BATCH_ROWS) {
            const rows = read.all(BATCH_ROWS, offset);
            if (rows.length > 0) insert.run(JSON.stringify(rows));
            if (rows.length < BATCH_ROWS) break;
          }
          if (target.dialect === 'postgres') moveSequencesPast(target, table);
          const copied = { table, source: count(source, table), target: count(target, table) };
          counts.push(copied);
          onTable(copied);
        }
        if (counts.some((c) => c.source !== c.target)) throw differ;
      }),
    );
  } catch (err) {
    if (err === differ) return { ok: false, reason: 'counts-differ', tables: counts };
    throw err;
  }
  return { ok: true, tables: counts };
}

/** A table's identity columns continue after the highest id copied, so the next row gets a new one. */
function moveSequencesPast(target: Database, table: string): void {
  const identities = target.statement((t: string) => sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${t} AND is_identity = 'YES'`).pluck().all(table);
  for (const column of identities) {
    target.statement((t: string, c: string) => sql`
      SELECT setval(pg_get_serial_sequence(${t}, ${c}), COALESCE((SELECT MAX(${sql.id(column)}) FROM ${sql.table(table)}), 0) + 1, false)`).get(table, column);
  }
}
