/**
 * The research archive's services on a database of their own, for the service tests: a fake clock,
 * a fake for the change notes (history and audit are the real tables through the repo; what would be
 * mailed is recorded) and an upload store in a folder of its own, with the demo patrons and two
 * members of staff who review.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/engine/connection.js';
import { migrate } from '../db/engine/migrate.js';
import { asDatabase } from '../db/engine/sqlite-database.js';
import { createDepositRepo } from '../db/deposit/deposit-repo.js';
import { createStatusHistoryRepo } from '../db/shared/status-history-repo.js';
import { loadDemoPatrons } from '../demo/demo-patrons.js';
import type { Patron } from '../domain/patrons/patron.js';
import { fakeClock } from '../lib/clock.js';
import { minimalPdf } from '../lib/minimal-pdf.js';
import { createPortal } from '../portal.js';
import type { DepositNotes } from '../services/deposit/deposit-notes.js';
import { createDepositServices } from '../services/deposit/deposit-services.js';
import { createUploadStore } from '../services/uploads/upload-store.js';
import { countingHasher, TEST_SECRET } from './fixtures.js';

/** A description that may be submitted as it is. */
export const DEPOSIT_FIELDS_TYPED = {
  title: 'A Paper',
  authors: 'Chan Tai Man',
  type: 'article',
  year: '2025',
  abstract: 'Abstract.',
  version: 'published',
  licence: 'cc-by',
};

/** The two members of staff who review (usernames r1 and r2). */
export const REVIEWER = { staffId: 1, isAdmin: false, clientAddress: '10.0.0.1' };
export const OTHER_REVIEWER = { staffId: 2, isAdmin: false, clientAddress: '10.0.0.2' };

export type DepositTestServices = Awaited<ReturnType<typeof depositTestServices>>;

export async function depositTestServices() {
  const clock = fakeClock();
  const recorded: Array<{ id: number; status: string; action: string }> = [];
  const mailed: Array<{ id: number; status: string; reason: string | null }> = [];
  const expiring: Array<{ id: number; deleteAt: number }> = [];
  const notes: DepositNotes = {
    record: (deposit, step, action) => void recorded.push({ id: deposit.id, status: step.status, action }),
    mail: (deposit, step) => void mailed.push({ id: deposit.id, status: step.status, reason: step.reason }),
    draftExpiring: (deposit, deleteAt) => void expiring.push({ id: deposit.id, deleteAt }),
  };
  const db = openDatabase(':memory:');
  migrate(db);
  const hasher = countingHasher();
  const portal = createPortal(loadConfig({ DATABASE_FILE: ':memory:', APP_SECRET: TEST_SECRET }), asDatabase(db), {
    clock,
    hasher,
    logger: { info: () => {}, error: () => {} },
  });
  await loadDemoPatrons({ importer: portal.importer, patrons: portal.patrons, hasher, now: clock.now });
  db.prepare(
    "INSERT INTO staff (id, username, password_hash, created_at, password_changed_at) VALUES (1, 'r1', 'x', 0, 0), (2, 'r2', 'x', 0, 0)",
  ).run();
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-deposit-test-'));
  const repo = createDepositRepo(asDatabase(db));
  const services = createDepositServices({
    db: asDatabase(db),
    deposits: repo,
    history: createStatusHistoryRepo(asDatabase(db)),
    notes,
    uploads: createUploadStore({ dir, maxBytes: 10_000 }),
    clock,
    logger: { info: () => {}, error: () => {} },
    draftDays: 90,
  });
  const patron = (barcode: string): Patron => portal.patrons.findByBarcode(barcode)!;
  // The demo member of staff makes many drafts here: the limits have tests of their own.
  db.prepare("UPDATE deposit_rules SET drafts_allowed = 1000 WHERE patron_type = 'staff'").run();

  /** A new draft of the demo member of staff (21000004), described and with its file. */
  async function ready(extra: Record<string, string> = {}) {
    const made = services.authors.create(patron('21000004'));
    assert.equal(made.kind, 'created');
    const id = (made as { id: number }).id;
    assert.equal(services.authors.save(patron('21000004'), id, { ...DEPOSIT_FIELDS_TYPED, ...extra }).kind, 'saved');
    assert.equal((await services.authors.attachFile(patron('21000004'), id, Readable.from([minimalPdf('p')]))).kind, 'stored');
    return id;
  }

  return {
    ...services,
    clock,
    db,
    repo,
    patron,
    ready,
    /** The files in the upload store, by name. */
    files: () => readdirSync(dir).sort(),
    recorded,
    mailed,
    expiring,
  };
}
