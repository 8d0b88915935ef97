import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './sqlite-database.js';

export type { Db } from './sqlite-database.js';

/**
 * Opens the one SQLite file. WAL lets pages read while a login writes; NORMAL
 * synchronisation avoids an fsync on the event loop at every commit (WAL keeps the
 * database consistent after a crash; the last commits may be lost on power failure).
 * busy_timeout lets several server processes share the file.
 */
export function openDatabase(file: string | Buffer): Db {
  // A Buffer is a whole database's image (Database.serialize()), opened in memory: the tests' copies of the demo.
  if (typeof file === 'string' && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
