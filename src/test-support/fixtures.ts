/** What tests build a portal from: a migrated in-memory database, a fake clock, a counting hasher. */
import { openDatabase } from '../db/engine/connection.js';
import { asDatabase } from '../db/engine/sqlite-database.js';
import { migrate } from '../db/engine/migrate.js';
import { createPatronRepo } from '../db/patrons/patron-repo.js';
import { createAttemptRepo } from '../db/auth/attempt-repo.js';
import { createSessionRepo } from '../db/auth/session-repo.js';
import { fakeClock } from '../lib/clock.js';
import { createBcryptHasher, type PinHasher } from '../services/pin/pin-hasher.js';
import { createPatronImportService } from '../services/patrons/patron-import-service.js';

/** bcrypt at its lowest cost, counting comparisons: tests prove how many PINs were checked. */
export function countingHasher(cost = 4): PinHasher & { compares: number } {
  const real = createBcryptHasher(cost);
  const hasher = {
    compares: 0,
    hash: real.hash,
    needsRehash: real.needsRehash,
    compare(pin: string, hash: string) {
      hasher.compares++;
      return real.compare(pin, hash);
    },
  };
  return hasher;
}

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hmac-0123456789';

export function createTestStorage(file = ':memory:') {
  const db = openDatabase(file);
  migrate(db);
  const clock = fakeClock();
  const hasher = countingHasher();
  const patrons = createPatronRepo(asDatabase(db));
  const attempts = createAttemptRepo(asDatabase(db));
  const sessions = createSessionRepo(asDatabase(db));
  const importer = createPatronImportService({ db: asDatabase(db), patrons, hasher, clock, secret: TEST_SECRET });
  return { db, clock, hasher, patrons, attempts, sessions, importer };
}

export type TestStorage = ReturnType<typeof createTestStorage>;

/** Registers patrons through the real import, as a library would. */
export async function registerPatrons(storage: TestStorage, csv: string): Promise<void> {
  const report = await storage.importer.importCsv(csv);
  if (!report.imported) throw new Error(`test patrons not imported: ${JSON.stringify(report.bad)}`);
}

export const HEADER = 'barcode,name,email,hkid,passport,mainland_id,patron_type,expiry_date';
