import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDatabase } from '../../test-support/shared-database.js';
import { TEST_PORTAL_DIALECT } from '../../test-support/databases.js';
import { prepare } from '../../test-support/raw-sql.js';
import { startServerProcess } from '../../test-support/server-process.js';
import { startTestPortal, TestBrowser } from '../../test-support/test-portal.js';
import { TEST_SECRET } from '../../test-support/fixtures.js';

test(`${TEST_PORTAL_DIALECT}: two app servers on one database: 50 concurrent wrong logins check at most five PINs`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-two-'));
  const shared = sharedDatabase(dir);
  const env = { ...shared.env, APP_SECRET: TEST_SECRET, MAIL_OUTBOX_DIR: join(dir, 'outbox') };
  const first = await startServerProcess(env);
  const second = await startServerProcess(env);
  try {
    const browsers = [new TestBrowser(first.url), new TestBrowser(second.url)];
    for (const b of browsers) await b.get('/login');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => browsers[i % 2]!.post('/login', { barcode: '21000002', pin: 'WRONG1' })),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join());
    assert.equal(statuses.filter((s) => s === 429).length, 45);
    const db = shared.open();
    const checked: unknown = prepare(
      db,
      "SELECT COUNT(*) FROM login_attempts WHERE barcode = '21000002' AND outcome IN ('failure', 'success')",
    )
      .pluck()
      .get();
    db.close();
    assert.equal(checked, 5, 'five PINs were checked across both processes');
    // The block holds in both processes, for the right PIN too.
    assert.equal((await browsers[1]!.post('/login', { barcode: '21000002', pin: 'XY1234' })).status, 429);
    assert.equal((await browsers[0]!.post('/login', { barcode: '21000002', pin: 'XY1234' })).status, 429);
  } finally {
    await first.stop();
    await second.stop();
    shared.drop();
  }
});

test('a correct login racing wrong ones can neither lift nor skip the block', async () => {
  const portal = await startTestPortal();
  try {
    const b = new TestBrowser(portal.url);
    await b.get('/login');
    for (let i = 0; i < 4; i++) assert.equal((await b.post('/login', { barcode: '21000002', pin: 'WRONG1' })).status, 401);
    // One place is left in the window; six attempts race for it, the right PIN among them.
    const compares = portal.hasher.compares;
    const race = await Promise.all([
      b.post('/login', { barcode: '21000002', pin: 'XY1234' }),
      ...Array.from({ length: 5 }, () => b.post('/login', { barcode: '21000002', pin: 'WRONG1' })),
    ]);
    const rightChecked = race[0].status === 303 ? 1 : 0;
    const wrongChecked = race.slice(1).filter((answer) => answer.status === 401).length;
    assert.equal(portal.hasher.compares - compares, rightChecked + wrongChecked, 'every other attempt was refused unchecked');
    assert.ok(wrongChecked <= 1, 'at most the one place left went to a wrong PIN');
    const attempt = async (pin: string) => (await new TestBrowser(portal.url).logIn('21000002', pin)).status;
    if (rightChecked === 0) {
      assert.equal(race[0].status, 429, 'the right PIN was refused unchecked');
      assert.equal(wrongChecked, 1);
    } else if (wrongChecked === 0) {
      // The success took the last place: the four failures still count, and one more blocks.
      assert.equal(await attempt('WRONG1'), 401);
    }
    // A decided success no longer counts, so a wrong PIN arriving after it may take the place it
    // leaves (a CSRF token no longer dies with the racing login's session). Five wrong PINs in all.
    assert.equal(await attempt('XY1234'), 429, 'the block stands');
  } finally {
    await portal.close();
  }
});
