/**
 * The demo seed that test portals copy (demo-seed.ts): a copy holds the demo as loading it would,
 * with its dates relative to the portal's today, its stored files, and nothing of another copy.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_LOANS } from '../demo/demo-circulation.js';
import { addDays, libraryDateOf } from '../domain/shared/library-date.js';
import { prepare } from './raw-sql.js';
import { TEST_PORTAL_DIALECT } from './databases.js';
import { makeDemoSeed, removeDemoSeed, usableSeed } from './demo-seed.js';
import { startTestPortal } from './test-portal.js';

const DAY_MS = 86_400_000;
const folders: string[] = [];
after(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

test("a copy of the demo has each demo loan due as many days from the portal's today as the demo says", async () => {
  const portal = await startTestPortal();
  try {
    const today = libraryDateOf(portal.clock.now());
    const dueOf = prepare(
      portal.portal.db,
      `SELECT l.due_date FROM loans l JOIN copies c ON c.id = l.copy_id JOIN records r ON r.id = c.record_id
       JOIN patrons p ON p.id = l.patron_id WHERE r.title = ? AND p.barcode = ? AND l.returned_at IS NULL`,
    ).pluck();
    for (const loan of DEMO_LOANS) assert.equal(dueOf.get(loan.title, loan.patron), addDays(today, loan.dueInDays), loan.title);
  } finally {
    await portal.close();
  }
});

test("a copy has the demo deposits' stored files, and what one copy changes another does not see", async () => {
  const first = await startTestPortal();
  const second = await startTestPortal();
  try {
    const stored = prepare(
      first.portal.db,
      'SELECT file_name FROM deposits WHERE file_name IS NOT NULL UNION SELECT file_name FROM ill_requests WHERE file_name IS NOT NULL',
    )
      .pluck()
      .all() as string[];
    assert.ok(stored.length >= 2, 'the demo deposits have files');
    const files = await first.portal.uploads.list();
    for (const name of stored) assert.ok(files.includes(name), `${name} is in the copy's folder`);
    const patrons = (portal: typeof first) => prepare(portal.portal.db, 'SELECT COUNT(*) FROM patrons').pluck().get() as number;
    const before = patrons(second);
    prepare(first.portal.db, "UPDATE patrons SET name = 'Changed in one copy' WHERE barcode = ?").run('21000004');
    assert.equal(prepare(second.portal.db, 'SELECT name FROM patrons WHERE barcode = ?').pluck().get('21000004'), 'Wong Siu Ling');
    assert.equal(patrons(second), before);
  } finally {
    await first.close();
    await second.close();
  }
});

test('a seed made on another day is not used: a run past midnight loads the demo again for the new today', async () => {
  const shared = mkdtempSync(join(tmpdir(), 'myrecord-seed-test-'));
  folders.push(shared);
  const now = Date.now();
  const yesterday = await makeDemoSeed(TEST_PORTAL_DIALECT, join(shared, TEST_PORTAL_DIALECT), now - DAY_MS);
  try {
    assert.equal(usableSeed(TEST_PORTAL_DIALECT, shared, now), undefined);
    assert.equal(usableSeed(TEST_PORTAL_DIALECT, shared, now - DAY_MS)?.madeAt, now - DAY_MS, 'on its own day it is used');
  } finally {
    removeDemoSeed(yesterday);
  }
  assert.equal(usableSeed(TEST_PORTAL_DIALECT, shared, now), undefined, 'a folder without a seed has none');
});
