import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

test('defaults match interfaces.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-config-'));
  const config = loadConfig({ DATABASE_FILE: join(dir, 'db.sqlite') });
  assert.equal(config.port, 3000);
  assert.equal(config.publicUrl, 'http://localhost:3000');
  assert.equal(config.bcryptCost, 10);
  assert.equal(config.minPinLength, 6);
  assert.equal(config.sessionIdleMs, 15 * 60_000);
  assert.equal(config.sessionAbsoluteMs, 8 * 3_600_000);
  assert.equal(config.trustProxy, false);
});

test('outside production a secret is generated once, kept beside the database, readable only by its owner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-config-'));
  const first = loadConfig({ DATABASE_FILE: join(dir, 'db.sqlite') });
  const second = loadConfig({ DATABASE_FILE: join(dir, 'db.sqlite') });
  assert.equal(first.appSecret, second.appSecret);
  assert.equal(readFileSync(join(dir, 'db.sqlite.secret'), 'utf8').trim(), first.appSecret);
  assert.equal(statSync(join(dir, 'db.sqlite.secret')).mode & 0o077, 0);
});

test('production refuses to start without APP_SECRET', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_FILE: ':memory:' }), ConfigError);
});

test('a bad number is refused with its name', () => {
  assert.throws(() => loadConfig({ DATABASE_FILE: ':memory:', BCRYPT_COST: 'lots' }), /BCRYPT_COST/);
  assert.throws(() => loadConfig({ DATABASE_FILE: ':memory:', PORT: '70000' }), /PORT/);
});

test('the limits against strangers: device trust and reset requests, with their defaults', () => {
  const config = loadConfig({ DATABASE_FILE: ':memory:' });
  assert.equal(config.deviceMaxFailures, 10);
  assert.equal(config.resetRequestsPerBarcodeAddressHour, 3);
  assert.equal(config.resetRequestsPerAddressHour, 20);
  assert.equal(config.resetRequestsPerBarcodeHour, 10);
  assert.equal(loadConfig({ DATABASE_FILE: ':memory:', DEVICE_MAX_FAILURES: '0' }).deviceMaxFailures, 0);
  assert.throws(() => loadConfig({ DATABASE_FILE: ':memory:', DEVICE_MAX_FAILURES: '-1' }), /DEVICE_MAX_FAILURES/);
  assert.throws(() => loadConfig({ DATABASE_FILE: ':memory:', RESET_REQUESTS_PER_BARCODE_ADDRESS_HOUR: 'x' }), /RESET_REQUESTS_PER_BARCODE_ADDRESS_HOUR/);
});
