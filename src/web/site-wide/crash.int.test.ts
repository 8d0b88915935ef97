import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcrypt';
import { loadConfig } from '../../config.js';
import { sharedDatabase } from '../../test-support/shared-database.js';
import { TEST_PORTAL_DIALECT } from '../../test-support/databases.js';
import { prepare } from '../../test-support/raw-sql.js';
import { createPortal } from '../../portal.js';
import { startServerProcess } from '../../test-support/server-process.js';
import { TestBrowser } from '../../test-support/test-portal.js';
import { HEADER, TEST_SECRET } from '../../test-support/fixtures.js';
import { nodeArgs } from '../../test-support/node-entry.js';

const OLD_PIN = 'H4J8K2L6';
const NEW_PIN = 'T5Y9U3I7';
const PATRONS = 20;
const NEW_IN_IMPORT = 1000;

test(`${TEST_PORTAL_DIALECT}: killed with SIGKILL amid PIN changes and an import: the database is intact, every PIN is the old or the new, the import runs again`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-crash-'));
  const shared = sharedDatabase(dir);
  t.after(shared.drop);
  const env = { ...shared.env, APP_SECRET: TEST_SECRET, BCRYPT_COST: '4', MAIL_OUTBOX_DIR: join(dir, 'outbox') };

  // Twenty patrons who chose OLD_PIN.
  const setupDb = shared.open();
  const setup = createPortal(loadConfig(env), setupDb);
  const rows = Array.from({ length: PATRONS }, (_, i) => `6100${String(i).padStart(4, '0')},Patron ${i},,A123456(3),,,,`);
  assert.ok((await setup.importer.importCsv([HEADER, ...rows].join('\n'))).imported);
  for (let i = 0; i < PATRONS; i++) {
    const patron = setup.patrons.findByBarcode(`6100${String(i).padStart(4, '0')}`)!;
    setup.patrons.setChosenPinHash(patron.id, await bcrypt.hash(OLD_PIN, 4), Date.now());
  }
  setup.db.close();

  const csv = join(dir, 'new.csv');
  writeFileSync(
    csv,
    [
      HEADER,
      ...Array.from({ length: NEW_IN_IMPORT }, (_, i) => `6200${String(i).padStart(4, '0')},New ${i},,,P${String(i).padStart(8, '0')},,,`),
    ].join('\n'),
  );

  const server = await startServerProcess(env);
  // A higher cost for the import, so that it is still hashing when the kill comes.
  const importer = spawn(process.execPath, [...nodeArgs('src/cli.ts'), 'patrons', 'import', csv], {
    env: { ...process.env, ...env, BCRYPT_COST: '6' },
  });
  const importExited = new Promise<void>((resolve) => importer.once('exit', () => resolve()));
  let importOutput = '';
  importer.stderr.on('data', (chunk) => (importOutput += chunk));
  // Start the PIN changes once the import is hashing.
  while (!/\d+% \d+\/\d+ rows hashed/.test(importOutput) && importer.exitCode === null) await new Promise((r) => setTimeout(r, 20));

  let changed = 0;
  const killed = new Promise<void>((resolve) => {
    const flows = Array.from({ length: PATRONS }, async (_, i) => {
      const b = new TestBrowser(server.url);
      try {
        await b.logIn(`6100${String(i).padStart(4, '0')}`, OLD_PIN);
        await b.get('/pin/modify');
        const answer = await b.post('/pin/modify', { current_pin: OLD_PIN, new_pin: NEW_PIN, confirm_pin: NEW_PIN });
        if (answer.status === 303) changed++;
      } catch {
        // the server died under this request: that is the point
      }
      if (changed >= 5) resolve();
    });
    void Promise.all(flows).then(() => resolve());
  });
  await killed;
  await server.kill();
  if (importer.exitCode === null) importer.kill('SIGKILL');
  await importExited;
  assert.ok(changed >= 5, `${changed} PIN changes finished before the kill`);

  const db = shared.open();
  // PostgreSQL rolls back what a dead client left unfinished; SQLite's file is checked page by page.
  if (db.dialect === 'sqlite') assert.equal(prepare(db, 'PRAGMA integrity_check').pluck().get(), 'ok');
  let onNew = 0;
  for (let i = 0; i < PATRONS; i++) {
    const hash = prepare(db, 'SELECT chosen_pin_hash FROM patrons WHERE barcode = ?')
      .pluck()
      .get(`6100${String(i).padStart(4, '0')}`) as string;
    const isOld = await bcrypt.compare(OLD_PIN, hash);
    const isNew = await bcrypt.compare(NEW_PIN, hash);
    assert.ok(isOld !== isNew, `patron ${i}: exactly one of the old and the new PIN`);
    if (isNew) onNew++;
  }
  assert.ok(onNew >= changed, 'every change the server confirmed was kept');
  const imported = prepare(db, "SELECT COUNT(*) FROM patrons WHERE barcode LIKE '6200%'").pluck().get() as number;
  assert.equal(imported % 100, 0, `whole batches only: ${imported}`);
  t.diagnostic(`${changed} changes confirmed, ${onNew} on the new PIN, ${imported} of ${NEW_IN_IMPORT} imported before the kill`);
  db.close();

  // An interrupted import is simply run again.
  const again = createPortal(loadConfig(env), shared.open());
  const report = await again.importer.importCsv(
    [
      HEADER,
      ...Array.from({ length: NEW_IN_IMPORT }, (_, i) => `6200${String(i).padStart(4, '0')},New ${i},,,P${String(i).padStart(8, '0')},,,`),
    ].join('\n'),
  );
  assert.equal(report.created, NEW_IN_IMPORT - imported);
  assert.equal(report.unchanged, imported);
  again.db.close();
});
