import type { Config } from '../../config.js';
import { openDatabase } from './connection.js';
import type { Database } from './database.js';
import { migrateDatabase, type MigrationResult } from './migrate.js';
import { postgresDatabase } from './postgres/postgres-database.js';
import { sqliteDatabase } from './sqlite-database.js';

type Where = Pick<Config, 'databaseUrl' | 'databaseFile'>;

/** PostgreSQL at databaseUrl, or else the SQLite file databaseFile (created with its folder if need be), as it is. */
export function openDatabaseAt(where: Where): Database {
  return where.databaseUrl ? postgresDatabase(where.databaseUrl) : sqliteDatabase(openDatabase(where.databaseFile));
}

/** The portal's database as the settings name it, migrated. The server, the CLI and the tests' processes open it here. */
export function openConfiguredDatabase(where: Where): { database: Database } & MigrationResult {
  const database = openDatabaseAt(where);
  try {
    return { database, ...migrateDatabase(database) };
  } catch (err) {
    database.close();
    throw err;
  }
}
