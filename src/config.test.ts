import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, startWarnings } from './config.js';

test("defaults match the README's Settings table", () => {
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

const base = { DATABASE_FILE: ':memory:' };
const production = {
  ...base,
  NODE_ENV: 'production',
  APP_SECRET: 'x'.repeat(32),
  SMTP_URL: 'smtp://mail.example.edu:25',
  PUBLIC_URL: 'https://myrecord.example.edu',
};

test('TRUST_PROXY is read as Express means it: hops as a number, booleans as booleans, lists of addresses', () => {
  assert.equal(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy, 1);
  assert.equal(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy, 2);
  assert.equal(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy, true);
  assert.equal(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ ...base, TRUST_PROXY: '0' }).trustProxy, false);
  assert.deepEqual(loadConfig({ ...base, TRUST_PROXY: 'loopback' }).trustProxy, ['loopback']);
  assert.deepEqual(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }).trustProxy, ['loopback', '10.0.0.0/8', 'fd00::1']);
});

test('a TRUST_PROXY that Express would misread is refused with its name', () => {
  for (const bad of ['yes please', '10.0.0.0/99', 'proxy.example.edu', '1.2.3', '-1']) {
    assert.throws(
      () => loadConfig({ ...base, TRUST_PROXY: bad }),
      (err: unknown) => err instanceof ConfigError && /TRUST_PROXY/.test(err.message),
      bad,
    );
  }
});

test('HOST is loopback outside production and every interface in production', () => {
  assert.equal(loadConfig(base).host, '127.0.0.1');
  assert.equal(loadConfig(production).host, null);
  assert.equal(loadConfig({ ...base, HOST: '0.0.0.0' }).host, '0.0.0.0');
  assert.throws(() => loadConfig({ ...base, HOST: 'not a host!' }), /HOST/);
});

test('production requires SMTP_URL and an https PUBLIC_URL', () => {
  assert.doesNotThrow(() => loadConfig(production));
  assert.throws(() => loadConfig({ ...production, SMTP_URL: '' }), /SMTP_URL is required/);
  assert.throws(() => loadConfig({ ...production, PUBLIC_URL: 'http://myrecord.example.edu' }), /PUBLIC_URL must be an https/);
  assert.throws(() => loadConfig({ ...production, PUBLIC_URL: '' }), /PUBLIC_URL must be an https/);
});

test('a bad SMTP_URL is reported without its user name and password', () => {
  assert.throws(
    () => loadConfig({ ...base, SMTP_URL: 'smtp://mailer:s3cret-pass@' }),
    (err: unknown) => err instanceof ConfigError && /SMTP_URL/.test(err.message) && !/s3cret|mailer:/.test(err.message),
  );
});

test('production without TRUST_PROXY is warned at start that HTTPS can never be seen', () => {
  assert.match(startWarnings(loadConfig(production)).join('\n'), /TRUST_PROXY/);
  assert.deepEqual(startWarnings(loadConfig({ ...production, TRUST_PROXY: 'loopback' })), []);
  assert.deepEqual(startWarnings(loadConfig(base)), []);
});

test('the limits against strangers: device trust and reset requests, with their defaults', () => {
  const config = loadConfig({ DATABASE_FILE: ':memory:' });
  assert.equal(config.deviceMaxFailures, 10);
  assert.equal(config.resetRequestsPerBarcodeAddressHour, 3);
  assert.equal(config.resetRequestsPerAddressHour, 20);
  assert.equal(config.resetRequestsPerBarcodeHour, 10);
  assert.equal(loadConfig({ DATABASE_FILE: ':memory:', DEVICE_MAX_FAILURES: '0' }).deviceMaxFailures, 0);
  assert.throws(() => loadConfig({ DATABASE_FILE: ':memory:', DEVICE_MAX_FAILURES: '-1' }), /DEVICE_MAX_FAILURES/);
  assert.throws(
    () => loadConfig({ DATABASE_FILE: ':memory:', RESET_REQUESTS_PER_BARCODE_ADDRESS_HOUR: 'x' }),
    /RESET_REQUESTS_PER_BARCODE_ADDRESS_HOUR/,
  );
});

test('DUE_REMINDER_DAYS: 3 unless set, 0 turns reminders off, anything but 0 to 30 stops the start with its name', () => {
  assert.equal(loadConfig(base).dueReminderDays, 3);
  assert.equal(loadConfig({ ...base, DUE_REMINDER_DAYS: '0' }).dueReminderDays, 0);
  assert.equal(loadConfig({ ...base, DUE_REMINDER_DAYS: '7' }).dueReminderDays, 7);
  for (const bad of ['-1', '31', '2.5', 'three'])
    assert.throws(() => loadConfig({ ...base, DUE_REMINDER_DAYS: bad }), /DUE_REMINDER_DAYS/, bad);
});

test('DEPOSIT_DRAFT_DAYS: 90 unless set; anything but a whole number of days from 15 to 3650 stops the start with its name', () => {
  assert.equal(loadConfig(base).depositDraftDays, 90);
  assert.equal(loadConfig({ ...base, DEPOSIT_DRAFT_DAYS: '15' }).depositDraftDays, 15);
  assert.equal(loadConfig({ ...base, DEPOSIT_DRAFT_DAYS: '365' }).depositDraftDays, 365);
  for (const bad of ['0', '14', '3651', '-1', '30.5', 'ninety', '90days'])
    assert.throws(() => loadConfig({ ...base, DEPOSIT_DRAFT_DAYS: bad }), /DEPOSIT_DRAFT_DAYS/, bad);
});

test('UPLOAD_DIR is db/uploads and UPLOAD_MAX_MB 50 unless set; a size that is not a whole number of megabytes stops the start with its name', () => {
  const defaults = loadConfig(base);
  assert.equal(defaults.uploadDir, 'db/uploads');
  assert.equal(defaults.uploadMaxMb, 50);
  const set = loadConfig({ ...base, UPLOAD_DIR: '/srv/myrecord/uploads', UPLOAD_MAX_MB: '200' });
  assert.equal(set.uploadDir, '/srv/myrecord/uploads');
  assert.equal(set.uploadMaxMb, 200);
  for (const bad of ['0', '-5', '1.5', 'fifty', '99999'])
    assert.throws(() => loadConfig({ ...base, UPLOAD_MAX_MB: bad }), /UPLOAD_MAX_MB/, bad);
});

test('DATABASE_URL selects PostgreSQL, with the APP_SECRET every app server shares; unset or empty, the SQLite file as before', () => {
  const secret = 'x'.repeat(32);
  assert.equal(
    loadConfig({ DATABASE_URL: 'postgres://library@db.example/myrecord', APP_SECRET: secret }).databaseUrl,
    'postgres://library@db.example/myrecord',
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://library@db.example/myrecord' }), /APP_SECRET is required with DATABASE_URL/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://db.example/myrecord', APP_SECRET: secret }), /must be a postgres:\/\/ address/);
  const sqlite = loadConfig({ DATABASE_URL: '', DATABASE_FILE: ':memory:' });
  assert.deepEqual([sqlite.databaseUrl, sqlite.databaseFile], [null, ':memory:']);
});
