import { test } from 'node:test';
import { asDatabase } from './db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { loadConfig } from './config.js';
import { openDatabase } from './db/engine/connection.js';
import { migrate } from './db/engine/migrate.js';
import { createPortal } from './portal.js';
import { fakeClock } from './lib/clock.js';
import { countingHasher, HEADER, TEST_SECRET } from './test-support/fixtures.js';

const day = 86_400_000;

test("housekeeping forgets streaks of unknown keys and lifted blocks after ATTEMPT_RETENTION_DAYS, and keeps a patron's streak", async () => {
  const db = openDatabase(':memory:');
  migrate(db);
  const clock = fakeClock();
  const config = loadConfig({ DATABASE_FILE: ':memory:', APP_SECRET: TEST_SECRET, ATTEMPT_RETENTION_DAYS: '30' });
  const portal = createPortal(config, asDatabase(db), { clock, hasher: countingHasher(), logger: { info: () => {}, error: () => {} } });
  await portal.importer.importCsv(`${HEADER}\n1001,Chan Tai Man,,Z123456(7),,,staff,2030-08-31\n`);
  const { attempts } = portal;
  attempts.extendStreak('1001', clock.now());
  attempts.extendStreak('NOSUCH1', clock.now());
  attempts.lift('1001', clock.now());
  const streaks = () => db.prepare('SELECT attempt_key FROM failure_streaks ORDER BY attempt_key').pluck().all();

  clock.advance(29 * day);
  portal.housekeeping();
  assert.deepEqual(streaks(), ['1001', 'NOSUCH1']);
  assert.equal(attempts.liftedAt('1001'), clock.now() - 29 * day);

  clock.advance(2 * day);
  portal.housekeeping();
  assert.deepEqual(streaks(), ['1001']);
  assert.equal(attempts.liftedAt('1001'), undefined);
  db.close();
});
