import type { Config } from '../config.js';
import { openDatabase } from './connection.js';
import type { Database } from './database.js';
import { migrateDatabase, type MigrationResult } from './migrate.js';
import { postgresDatabase } from './postgres/postgres-database.js';
import { sqliteDatabase } from './sqlite-database.js';

/**
 * The portal's database as the settings name it, migrated: PostgreSQL at DATABASE_URL, or else the
 * SQLite file DATABASE_FILE (created with its folder if need be). The server and the CLI open it here.
 */
export function openConfiguredDatabase(config: Pick<Config, 'databaseUrl' | 'databaseFile'>): { database: Database } & MigrationResult {
  const database = config.databaseUrl ? postgresDatabase(config.databaseUrl) : sqliteDatabase(openDatabase(config.databaseFile));
  try {
    return { database, ...migrateDatabase(database) };
  } catch (err) {
    database.close();
    throw err;
  }
}
