/**
 * The databases a test runs on: SQLite always, and PostgreSQL when TEST_DATABASE_URL names one
 * (`npm test` starts a throwaway server and sets it; see scripts/postgres-for-tests.mjs). Each
 * PostgreSQL database a test opens is a schema of its own, dropped when the test is done.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../db/engine/connection.js';
import type { Database, Dialect } from '../db/engine/database.js';
import { migrateDatabase } from '../db/engine/migrate.js';
import { postgresDatabase } from '../db/engine/postgres/postgres-database.js';
import { sqliteDatabase } from '../db/engine/sqlite-database.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const TEST_DIALECTS: Dialect[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * The database the integration tests' portals run on (test-portal.ts): SQLite, or PostgreSQL when
 * TEST_PORTAL_DIALECT=postgres (`npm test` runs the integration suite once on each).
 */
export const TEST_PORTAL_DIALECT: Dialect = process.env.TEST_PORTAL_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
if (TEST_PORTAL_DIALECT === 'postgres' && !TEST_DATABASE_URL) throw new Error('TEST_PORTAL_DIALECT=postgres needs TEST_DATABASE_URL');

/** A connection string for one schema of the test server: every table the test makes is in it. */
export function schemaUrl(schema: string): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export interface TestDatabase {
  database: Database;
  /** Another connection to the same database, as a second app server would have. */
  url: string | undefined;
  drop(): void;
}

/** A new, empty database of `dialect`, migrated unless `migrated` is false. */
export function openTestDatabase(dialect: Dialect, { migrated = true } = {}): TestDatabase {
  if (dialect === 'sqlite') {
    const database = sqliteDatabase(openDatabase(':memory:'));
    if (migrated) migrateDatabase(database);
    return { database, url: undefined, drop: () => database.close() };
  }
  const schema = newSchema();
  const database = postgresDatabase(schema.url);
  if (migrated) migrateDatabase(database);
  return {
    database,
    url: schema.url,
    drop() {
      database.close();
      schema.drop();
    },
  };
}

/** A new, empty schema of the test PostgreSQL: its connection string, and how to drop it with all it holds. */
export function newSchema(): { url: string; drop(): void } {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgresDatabase(TEST_DATABASE_URL!);
  admin.exec(`CREATE SCHEMA ${name}`);
  return {
    url: schemaUrl(name),
    drop() {
      admin.exec(`DROP SCHEMA ${name} CASCADE`);
      admin.close();
    },
  };
}

/** The names of a database's tables and their columns, in order: `table(column, …)`. */
export function tableShapes(database: Database): string[] {
  const rows =
    database.dialect === 'sqlite'
      ? database
          .statement(
            () => sql<{ shape: string }>`
        SELECT t.name || '(' || (SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_table_info(t.name) ORDER BY cid)) || ')' AS shape
        FROM sqlite_master t WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND t.name NOT LIKE 'records_fts%'`,
          )
          .pluck()
          .all()
      : database
          .statement(
            () => sql<{ shape: string }>`
        SELECT c.table_name || '(' || string_agg(c.column_name, ', ' ORDER BY c.ordinal_position) || ')' AS shape
        FROM information_schema.columns c WHERE c.table_schema = current_schema() GROUP BY c.table_name`,
          )
          .pluck()
          .all();
  return rows.sort();
}
