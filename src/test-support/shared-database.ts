/**
 * One database that several processes share, as a library's app servers do: a SQLite file in a
 * folder of the test's own, or a schema of its own on the test PostgreSQL when the integration
 * suite runs there (TEST_PORTAL_DIALECT=postgres, databases.ts).
 */
import { join } from 'node:path';
import { openDatabase } from '../db/connection.js';
import type { Database } from '../db/database.js';
import { migrateDatabase } from '../db/migrate.js';
import { postgresDatabase } from '../db/postgres/postgres-database.js';
import { sqliteDatabase } from '../db/sqlite-database.js';
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
  if (TEST_PORTAL_DIALECT === 'sqlite') {
    const file = join(dir, 'db.sqlite');
    return {
      env: { DATABASE_FILE: file },
      open() {
        const database = sqliteDatabase(openDatabase(file));
        migrateDatabase(database);
        return database;
      },
      drop() {},
    };
  }
  const schema = newSchema();
  return {
    env: { DATABASE_URL: schema.url },
    open() {
      const database = postgresDatabase(schema.url);
      migrateDatabase(database);
      return database;
    },
    drop: schema.drop,
  };
}
