import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from './test-support/server-process.js';
import { sharedDatabase } from './test-support/shared-database.js';
import { TEST_PORTAL_DIALECT } from './test-support/databases.js';
import { nodeArgs } from './test-support/node-entry.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  APP_SECRET: 'a-production-secret-that-is-long-enough-0123456789',
  SMTP_URL: 'smtp://127.0.0.1:9',
  PUBLIC_URL: 'https://myrecord.example.edu',
  TRUST_PROXY: 'loopback',
};

function runServerUntilExit(env: Record<string, string>) {
  return spawnSync(process.execPath, nodeArgs('src/server.ts'), {
    env: { ...process.env, BCRYPT_COST: '4', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('outside production the portal listens on loopback only, where the demo accounts cannot be reached from elsewhere', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-server-'));
  const server = await startServerProcess({ DATABASE_FILE: join(dir, 'db.sqlite'), MAIL_OUTBOX_DIR: join(dir, 'outbox') });
  try {
    assert.match(server.output(), /running at http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    await server.stop();
  }
});

test(`${TEST_PORTAL_DIALECT}: production refuses to start on a database that holds the published demo accounts, and names them`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-server-'));
  const shared = sharedDatabase(dir);
  t.after(shared.drop);
  // A first start outside production loads the demo patrons and staff.
  const demo = await startServerProcess({ ...shared.env, APP_SECRET: PRODUCTION.APP_SECRET, MAIL_OUTBOX_DIR: join(dir, 'outbox') });
  await demo.stop();

  const refused = runServerUntilExit({ ...PRODUCTION, ...shared.env });
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /demo accounts/);
  assert.match(refused.stderr, /staff admin/);
  assert.match(refused.stderr, /patron 21000004/);
});

test('production refuses to start without mail or with a plain-HTTP PUBLIC_URL, saying which', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-server-'));
  const noMail = runServerUntilExit({ ...PRODUCTION, SMTP_URL: '', DATABASE_FILE: join(dir, 'a.sqlite') });
  assert.equal(noMail.status, 2);
  assert.match(noMail.stderr, /SMTP_URL is required/);
  const plain = runServerUntilExit({ ...PRODUCTION, PUBLIC_URL: 'http://myrecord.example.edu', DATABASE_FILE: join(dir, 'b.sqlite') });
  assert.equal(plain.status, 2);
  assert.match(plain.stderr, /PUBLIC_URL must be an https/);
});

test('production on a new database starts with no demo account, and warns when HTTPS can never be seen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-server-'));
  const { TRUST_PROXY: _unset, ...withoutProxy } = PRODUCTION;
  const server = await startServerProcess({ ...withoutProxy, DATABASE_FILE: join(dir, 'db.sqlite') });
  try {
    assert.match(server.output(), /TRUST_PROXY is not set/);
    assert.doesNotMatch(server.output(), /demo/i);
  } finally {
    await server.stop();
  }
});
