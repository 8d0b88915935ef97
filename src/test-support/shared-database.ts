/**
 * One database that several processes share, as a library's app servers do: a SQLite file in a
 * folder of the test's own, or a schema of its own on the test PostgreSQL when the integration
 * suite runs there (TEST_PORTAL_DIALECT=postgres, databases.ts).
 */
import { join } from 'node:path';
import type { Database } from '../db/engine/database.js';
import { openConfiguredDatabase } from '../db/engine/open-database.js';
import { newSchema, TEST_PORTAL_DIALECT } from './databases.js';

export interface SharedDatabase {
  /** What a server process is given to open it: DATABASE_FILE, or DATABASE_URL. */
  env: Record<string, string>;
  /** A connection of the test's own, migrated: to set the scene, or to look at what the servers did. */
  open(): Database;
  /** Drops the PostgreSQL schema (a SQLite file goes with its folder). */
  drop(): void;
}

export function sharedDatabase(dir: string): SharedDatabase {
  const file = join(dir, 'db.sqlite');
  const schema = TEST_PORTAL_DIALECT === 'postgres' ? newSchema() : undefined;
  // Opened as the server processes open it, from the same two settings.
  const where = { databaseUrl: schema?.url ?? null, databaseFile: file };
  return {
    env: schema ? { DATABASE_URL: schema.url } : { DATABASE_FILE: file },
    open: () => openConfiguredDatabase(where).database,
    drop: () => schema?.drop(),
  };
}
