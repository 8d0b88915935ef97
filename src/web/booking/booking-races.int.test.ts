/**
 * No double booking, across processes: two real server processes on one database (a SQLite file, or PostgreSQL), fifty
 * patrons' browsers asking for the same slot at the same moment. booked_slots' primary key
 * (facility, slot start), written in the booking's IMMEDIATE transaction, lets exactly one win.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDatabase } from '../../test-support/shared-database.js';
import { TEST_PORTAL_DIALECT } from '../../test-support/databases.js';
import { prepare } from '../../test-support/raw-sql.js';
import { createPortal } from '../../portal.js';
import { loadConfig } from '../../config.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { DEMO_FACILITIES, loadDemoBookings } from '../../demo/demo-bookings.js';
import { loadDemoPatrons } from '../../demo/demo-patrons.js';
import { startServerProcess } from '../../test-support/server-process.js';
import { TestBrowser } from '../../test-support/test-portal.js';
import { countingHasher, HEADER, TEST_SECRET } from '../../test-support/fixtures.js';
import { normalisePin } from '../../domain/pin/pin-rule.js';

const RACERS = 50;

test(`${TEST_PORTAL_DIALECT}: two app servers on one database: 50 concurrent bookings of one slot make exactly one booking, and 49 answers of 409 "just taken"`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-book-race-'));
  const shared = sharedDatabase(dir);
  const env = { ...shared.env, APP_SECRET: TEST_SECRET, MAIL_OUTBOX_DIR: join(dir, 'outbox') };
  // The database first: demo facilities, and fifty patrons who have each chosen a PIN.
  const db = shared.open();
  const hasher = countingHasher();
  const portal = createPortal(loadConfig(env), db, { hasher, logger: { info() {}, error() {} } });
  await loadDemoPatrons({ importer: portal.importer, patrons: portal.patrons, hasher, now: Date.now });
  loadDemoBookings(portal);
  const barcodes = Array.from({ length: RACERS }, (_, i) => `3${String(i).padStart(7, '0')}`);
  const csv = [HEADER, ...barcodes.map((b) => `${b},Racer ${b},,,P${b},,undergraduate,2035-01-01`)].join('\n');
  assert.ok((await portal.importer.importCsv(csv)).imported);
  const pinHash = await hasher.hash(normalisePin('RACE2026'));
  for (const b of barcodes) portal.patrons.setChosenPinHash(portal.patrons.findByBarcode(b)!.id, pinHash, Date.now());
  const pc = portal.repos.facilities.idByName(DEMO_FACILITIES.find((f) => f.kind === 'computer')!.name)!;
  db.close();

  const first = await startServerProcess(env);
  const second = await startServerProcess(env);
  try {
    const browsers = barcodes.map((_, i) => new TestBrowser((i % 2 === 0 ? first : second).url));
    await Promise.all(browsers.map(async (b, i) => assert.equal((await b.logIn(barcodes[i]!, 'RACE2026')).status, 303)));
    // Tomorrow at 20:00, when every demo computer is open, and before which nothing was booked.
    const date = addDays(libraryDateOf(Date.now()), 1);
    await Promise.all(browsers.map((b) => b.get(`/myrecord/bookings/new?facility=${pc}&date=${date}&start=20:00`)));
    const answers = await Promise.all(
      browsers.map((b) => b.post('/myrecord/bookings', { facility: String(pc), date, start: '20:00', slots: '1', members: '' })),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 303).length, 1, statuses.join());
    assert.equal(statuses.filter((s) => s === 409).length, RACERS - 1, statuses.join());
    for (const lost of answers.filter((a) => a.status === 409)) {
      assert.match(lost.text, /was just taken by someone else/);
      assert.match(lost.text, /class="slot slot--booked"/, 'the day view, with the slot now booked');
    }
    const check = shared.open();
    const rows: unknown = prepare(
      check,
      "SELECT COUNT(*) FROM bookings WHERE facility_id = ? AND date = ? AND status = 'booked' AND patron_id IN (SELECT id FROM patrons WHERE barcode LIKE '3%')",
    )
      .pluck()
      .get(pc, date);
    const slots: unknown = prepare(
      check,
      "SELECT COUNT(*) FROM booked_slots WHERE facility_id = ? AND slot_start = (SELECT starts_at FROM bookings WHERE facility_id = ? AND date = ? AND patron_id IN (SELECT id FROM patrons WHERE barcode LIKE '3%'))",
    )
      .pluck()
      .get(pc, pc, date);
    check.close();
    assert.equal(rows, 1, 'exactly one booking row');
    assert.equal(slots, 1, 'its one slot');
  } finally {
    await first.stop();
    await second.stop();
    shared.drop();
  }
});
