import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './connection.js';
import type { Database } from './database.js';
import { migrationFor } from './migration-dialect.js';
import { sqliteDatabase } from './sqlite-database.js';

/** db/migrations at the project's top level, from src/db or dist/db alike. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../db/migrations/', import.meta.url));

export interface MigrationResult {
  /** True when the database had no schema before: a new database (demo data may be loaded). */
  created: boolean;
  applied: string[];
}

/**
 * Applies the numbered .sql files not yet recorded, in order, so an existing database upgrades in
 * place; on PostgreSQL, each file as migration-dialect.ts reads it. The whole run is one write
 * transaction, so two processes starting together do not apply a file twice.
 */
export function migrateDatabase(database: Database, dir: string = MIGRATIONS_DIR): MigrationResult {
  const files = readdirSync(dir)
    .filter((name) => /^\d+-.*\.sql$/.test(name))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  // Two files with one number: the second would be skipped silently on every database that has the first.
  const clash = files.find((name, index) => index > 0 && parseInt(name, 10) === parseInt(files[index - 1]!, 10));
  if (clash) throw new Error(`two migrations share the number ${parseInt(clash, 10)} in ${dir}: give each file a number of its own`);
  return database.transaction(() => {
    database.exec(migrationFor(database.dialect, `CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;`));
    const done = new Set(database.statement(() => sql<{ version: number }>`SELECT version FROM schema_migrations`).pluck().all());
    const created = done.size === 0;
    const applied: string[] = [];
    const record = database.statement((version: number, name: string, at: number) =>
      sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${version}, ${name}, ${at})`);
    for (const name of files) {
      const version = parseInt(name, 10);
      if (done.has(version)) continue;
      try {
        database.exec(migrationFor(database.dialect, readFileSync(`${dir}/${name}`, 'utf8')));
      } catch (err) {
        throw new Error(`migration ${name} failed on ${database.dialect}: ${(err as Error).message}`, { cause: err });
      }
      record.run(version, name, Date.now());
      applied.push(name);
    }
    return { created, applied };
  });
}

/** migrateDatabase for a SQLite connection opened by connection.ts. */
export function migrate(db: Db, dir: string = MIGRATIONS_DIR): MigrationResult {
  return migrateDatabase(sqliteDatabase(db), dir);
}
