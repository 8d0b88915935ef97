import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './connection.js';

/** db/migrations at the project's top level, from src/db or dist/db alike. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

export interface MigrationResult {
  /** True when the database had no schema before: a new database (demo data may be loaded). */
  created: boolean;
  applied: string[];
}

/**
 * Applies the numbered .sql files not yet recorded, in order, each in its own
 * transaction, so an existing database upgrades in place. The whole run holds the
 * write lock, so two processes starting together do not apply a file twice.
 */
export function migrate(db: Db, dir: string = MIGRATIONS_DIR): MigrationResult {
  const files = readdirSync(dir)
    .filter((name) => /^\d+-.*\.sql$/.test(name))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  // Two files with one number: the second would be skipped silently on every database that has the first.
  const clash = files.find((name, index) => index > 0 && parseInt(name, 10) === parseInt(files[index - 1]!, 10));
  if (clash) throw new Error(`two migrations share the number ${parseInt(clash, 10)} in ${dir}: give each file a number of its own`);
  return db
    .transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
      const done = new Set(
        db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
      );
      const created = done.size === 0;
      const applied: string[] = [];
      const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
      for (const name of files) {
        const version = parseInt(name, 10);
        if (done.has(version)) continue;
        db.exec(readFileSync(`${dir}/${name}`, 'utf8'));
        record.run(version, name, Date.now());
        applied.push(name);
      }
      return { created, applied };
    })
    .immediate();
}
