/**
 * The demo a test portal starts from, loaded once and copied for each portal. Loading it (the
 * migrations, about 4,000 statements, the demo PINs hashed, two PDFs stored) took 2–4 s per portal,
 * and the integration suite starts well over a hundred portals on each database.
 *
 * A seed is a folder: `seed.json` (when the demo was loaded, by the clock the portals then start
 * from), `uploads/` (the demo deposits' stored files) and the database — on SQLite an image of it
 * (`demo.sqlite`, opened in memory for each copy), on PostgreSQL a template database that each copy
 * is made from with CREATE DATABASE … TEMPLATE.
 *
 * `npm test` makes one seed per database before a suite starts (make-demo-seed.ts) and names its
 * folder in MYRECORD_TEST_SEED_DIR; a test file run on its own makes one on first use, for itself.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/engine/connection.js';
import type { Database, Dialect } from '../db/engine/database.js';
import { migrateDatabase } from '../db/engine/migrate.js';
import { postgresDatabase } from '../db/engine/postgres/postgres-database.js';
import { sqliteDatabase } from '../db/engine/sqlite-database.js';
import { loadDemo } from '../demo/load-demo.js';
import { libraryDateOf } from '../domain/shared/library-date.js';
import { fakeClock } from '../lib/clock.js';
import { createPortal } from '../portal.js';
import { TEST_DATABASE_URL, type TestDatabase } from './databases.js';
import { countingHasher, TEST_SECRET } from './fixtures.js';

/** The folder `npm test` made the seeds in (one sub-folder per database), if it made them. */
export const SEED_DIR_VARIABLE = 'MYRECORD_TEST_SEED_DIR';

interface SeedFacts {
  /** The fake clock's time while the demo was loaded: a copy's portal starts at it, so "today" in the demo is its today. */
  madeAt: number;
  /** On PostgreSQL, the template database. */
  template?: string;
}

export interface DemoSeed extends SeedFacts {
  dialect: Dialect;
  dir: string;
}

/** A connection string for another database of the test PostgreSQL server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Loads the demo, as a new test portal once did, into a new seed folder `dir` for `dialect`, by a clock standing at `madeAt`. */
export async function makeDemoSeed(dialect: Dialect, dir: string, madeAt = Date.now()): Promise<DemoSeed> {
  mkdirSync(dir, { recursive: true });
  const uploads = join(dir, 'uploads');
  const sqlite = dialect === 'sqlite' ? openDatabase(':memory:') : undefined;
  const template = dialect === 'postgres' ? `myrecord_seed_${randomBytes(6).toString('hex')}` : undefined;
  if (template) withAdmin((admin) => admin.exec(`CREATE DATABASE ${template}`));
  const database: Database = sqlite ? sqliteDatabase(sqlite) : postgresDatabase(databaseUrl(template!));
  try {
    migrateDatabase(database);
    const config = loadConfig({
      DATABASE_FILE: ':memory:',
      APP_SECRET: TEST_SECRET,
      MAIL_OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'myrecord-seed-outbox-')),
      UPLOAD_DIR: uploads,
    });
    const portal = createPortal(config, database, {
      hasher: countingHasher(),
      clock: fakeClock(madeAt),
      logger: { info() {}, error() {} },
    });
    await loadDemo(portal);
    await portal.notices.settled();
    rmSync(config.mailOutboxDir, { recursive: true, force: true });
    if (sqlite) writeFileSync(join(dir, 'demo.sqlite'), sqlite.serialize());
  } finally {
    database.close();
  }
  const facts: SeedFacts = { madeAt, ...(template ? { template } : {}) };
  // Written last: a folder with seed.json is a whole seed.
  writeFileSync(join(dir, 'seed.json'), JSON.stringify(facts));
  return { dialect, dir, ...facts };
}

/**
 * The seed of `dialect` in the folder `npm test` made, if there is one made on the library's
 * today: the demo's dates are relative to the day it was loaded (a loan due in 3 days), so a run
 * that goes past midnight loads the demo again rather than start its portals on yesterday.
 */
export function usableSeed(dialect: Dialect, sharedDir: string, now = Date.now()): DemoSeed | undefined {
  const dir = join(sharedDir, dialect);
  const file = join(dir, 'seed.json');
  if (!existsSync(file)) return undefined;
  const facts = JSON.parse(readFileSync(file, 'utf8')) as SeedFacts;
  return libraryDateOf(facts.madeAt) === libraryDateOf(now) ? { dialect, dir, ...facts } : undefined;
}

const made = new Map<Dialect, Promise<DemoSeed>>();

/** The seed of `dialect`: the one `npm test` made, or else one made now for this process and removed when it exits. */
export function demoSeed(dialect: Dialect): Promise<DemoSeed> {
  let seed = made.get(dialect);
  if (!seed) {
    const shared = process.env[SEED_DIR_VARIABLE];
    const ready = shared ? usableSeed(dialect, shared) : undefined;
    seed = ready ? Promise.resolve(ready) : makeOwnSeed(dialect);
    made.set(dialect, seed);
  }
  return seed;
}

async function makeOwnSeed(dialect: Dialect): Promise<DemoSeed> {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-seed-'));
  const seed = await makeDemoSeed(dialect, dir);
  process.once('exit', () => removeDemoSeed(seed));
  return seed;
}

/** Removes a seed's folder and, on PostgreSQL, its template database. */
export function removeDemoSeed(seed: DemoSeed): void {
  if (seed.template) withAdmin((admin) => admin.exec(`DROP DATABASE IF EXISTS ${seed.template} WITH (FORCE)`));
  rmSync(seed.dir, { recursive: true, force: true });
}

/** A new database holding the seed's demo, and its stored files copied into `uploadDir`. */
export function copyDemoSeed(seed: DemoSeed, uploadDir: string): TestDatabase {
  const uploads = join(seed.dir, 'uploads');
  if (existsSync(uploads)) cpSync(uploads, uploadDir, { recursive: true });
  if (seed.dialect === 'sqlite') {
    const database = sqliteDatabase(openDatabase(readFileSync(join(seed.dir, 'demo.sqlite'))));
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  withAdmin((admin) => admin.exec(`CREATE DATABASE ${name} TEMPLATE ${seed.template!}`));
  const url = databaseUrl(name);
  const database = postgresDatabase(url);
  return {
    database,
    url,
    drop() {
      database.close();
      withAdmin((admin) => admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Runs `work` on a connection to the test server's own database (the one TEST_DATABASE_URL names). */
function withAdmin(work: (admin: Database) => void): void {
  const admin = postgresDatabase(TEST_DATABASE_URL!);
  try {
    work(admin);
  } finally {
    admin.close();
  }
}
