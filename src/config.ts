/**
 * Settings, read from the environment and checked once at start: a bad value stops the
 * portal with a message naming it, rather than surfacing later. The README's "Settings" lists them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isIP } from 'node:net';
import { PIN_MAX_LENGTH } from './domain/pin/rules/length-rules.js';
import { STAFF_2FA_SETTINGS, type Staff2faSetting } from './domain/auth/second-factor-policy.js';

export interface Config {
  port: number;
  /**
   * The interface to listen on: loopback outside production (the demo accounts' passwords are
   * published), null for every interface (IPv6 and IPv4) in production.
   */
  host: string | null;
  /** The SQLite file, used when databaseUrl is null. */
  databaseFile: string;
  /** A postgres:// address: the portal runs on PostgreSQL, shared by every app server. */
  databaseUrl: string | null;
  appSecret: string;
  publicUrl: string;
  bcryptCost: number;
  production: boolean;
  /** The shortest PIN a patron may choose (6, the length of every default PIN). */
  minPinLength: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  attemptRetentionDays: number;
  /** Unset: mail is written as .eml files to mailOutboxDir and its link is logged. */
  smtpUrl: string | null;
  mailFrom: string;
  mailOutboxDir: string;
  /**
   * Online reset requests allowed in any hour: for one barcode from one client address, from one
   * client address, and for one barcode from all addresses together (the ceiling against mail-bombing).
   */
  resetRequestsPerBarcodeAddressHour: number;
  resetRequestsPerAddressHour: number;
  resetRequestsPerBarcodeHour: number;
  /** After this many failures in a row on a barcode (or staff username), login stops until a reset, except from trusted browsers. 0: off. */
  hardLockFailures: number;
  /** Failures in a row a browser trusted for a key may make before it is trusted no more. 0: no browser is trusted. */
  deviceMaxFailures: number;
  /** Failed attempts allowed from one client address, across barcodes, in addressWindowMs. 0: off. */
  addressMaxFailures: number;
  addressWindowMs: number;
  /** Days before a loan's due date its reminder is mailed; 0: no reminders (overdue notices still go). */
  dueReminderDays: number;
  /** Refuse chosen PINs found in a list of common passwords. */
  refuseCommonPins: boolean;
  /** Express's `trust proxy`: off unless set, so a forged X-Forwarded-For changes nothing. */
  trustProxy: TrustProxy;
  /** Where uploaded files (interlibrary loan copies, deposits) are kept: outside public/, each under a random name. */
  uploadDir: string;
  /** The largest upload accepted, in megabytes (MiB); a larger one is cut off with 413. */
  uploadMaxMb: number;
  /** Days a research archive draft nobody changes is kept before housekeeping deletes it (its author is mailed 14 days before). */
  depositDraftDays: number;
  /**
   * Outside production only: a file holding milliseconds to add to the clock, read at every look
   * at the time (the end-to-end journeys move time with it, as the unit tests do with a fake clock).
   */
  clockOffsetFile: string | null;
  /** Whose staff accounts must sign in with a second factor: everyone's, admins', or nobody's (domain/second-factor). */
  staff2fa: Staff2faSetting;
  /** Failed attempts across all keys in ten minutes that open an attack incident and mail the admins; 0: no alert. */
  attackAlertFailures: number;
}

/** What Express's `trust proxy` accepts: a boolean, a number of hops, or a list of addresses, subnets and names. */
export type TrustProxy = boolean | number | string[];

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (it is "${raw}")`);
  }
  return value;
}

/**
 * APP_SECRET signs sessions and keys ID fingerprints. Production must set it; elsewhere
 * one is generated once and kept beside the database, so restarts and the CLI agree.
 */
export function resolveAppSecret(env: Env, databaseFile: string, production: boolean): string {
  const given = env.APP_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError('APP_SECRET must be at least 32 characters long');
    return given;
  }
  if (production) throw new ConfigError('APP_SECRET is required when NODE_ENV=production');
  if (databaseFile === ':memory:') return randomBytes(32).toString('hex');
  const file = `${databaseFile}.secret`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be on or off (it is "${raw}")`);
}

/** True for an address of one of the protocols, with a host. */
function isUrl(raw: string, protocols: string[]): boolean {
  try {
    const url = new URL(raw);
    return protocols.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An address as it may be shown in an error: user name and password replaced. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]{0,20}:\/\/)[^@/?#]*@/i, '$1***@');
}

function smtpUrl(raw: string | undefined, production: boolean): string | null {
  if (raw === undefined || raw === '') {
    if (production)
      throw new ConfigError('SMTP_URL is required when NODE_ENV=production: reset links and notices must reach patrons by mail');
    return null;
  }
  if (!isUrl(raw, ['smtp:', 'smtps:']))
    throw new ConfigError(`SMTP_URL must look like smtp://host:port (it is "${withoutCredentials(raw)}")`);
  return raw;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One entry of a TRUST_PROXY list: a name Express knows, an address, or a subnet (address/prefix). */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Express means it: `true`/`false`, a number of proxy hops, or a comma-separated
 * list of addresses, subnets and the names loopback, linklocal, uniquelocal. Express would read
 * the string "1" as the address 0.0.0.1, so numbers and booleans are turned into what they say.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || /^(false|off|no)$/i.test(value)) return false;
  if (/^(true|on|yes)$/i.test(value)) return true;
  if (/^\d{1,3}$/.test(value)) {
    const hops = Number(value);
    return hops === 0 ? false : hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyEntry(entry));
  if (bad.length > 0) {
    throw new ConfigError(
      `TRUST_PROXY must be true, false, a number of proxy hops, or addresses, subnets and the names loopback, linklocal, uniquelocal separated by commas (it is "${value}")`,
    );
  }
  return entries;
}

function host(raw: string | undefined, production: boolean): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return production ? null : '127.0.0.1';
  if (isIP(value) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(value)) {
    throw new ConfigError(`HOST must be an address or a host name, e.g. 127.0.0.1 or 0.0.0.0 (it is "${value}")`);
  }
  return value;
}

/**
 * What an operator should hear at start, without stopping: production with no way to tell
 * that a request came over HTTPS (the portal itself speaks plain HTTP).
 */
export function startWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.production && config.trustProxy === false) {
    warnings.push(
      'NODE_ENV=production but TRUST_PROXY is not set: myRecord itself serves plain HTTP, so it can never see that a request came over HTTPS. Behind an HTTPS proxy set TRUST_PROXY (e.g. loopback, or 1); until then no cookie is sent with Secure and browsers refuse the __Host- cookies, so nobody can log in.',
    );
  }
  return warnings;
}

function staff2fa(raw: string | undefined, production: boolean): Staff2faSetting {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return production ? 'required' : 'off';
  if (!(STAFF_2FA_SETTINGS as readonly string[]).includes(value))
    throw new ConfigError(`STAFF_2FA must be required, admins or off (it is "${raw}")`);
  return value as Staff2faSetting;
}

/** Whether the text is a PostgreSQL connection string (rather than, say, a SQLite file's path). */
export const isPostgresUrl = (text: string): boolean => /^postgres(ql)?:\/\/./.test(text);

/** DATABASE_URL selects PostgreSQL; unset, the portal keeps its SQLite file DATABASE_FILE. */
function databaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return null;
  if (!isPostgresUrl(raw)) throw new ConfigError('DATABASE_URL must be a postgres:// address, or unset for the SQLite file DATABASE_FILE');
  // Every app server on the database must sign sessions and key ID fingerprints alike: no secret of its own.
  if (!env.APP_SECRET)
    throw new ConfigError('APP_SECRET is required with DATABASE_URL: give every app server on the database the same one');
  return raw;
}

function clockOffsetFile(raw: string | undefined, production: boolean): string | null {
  if (raw === undefined || raw === '') return null;
  if (production) throw new ConfigError('CLOCK_OFFSET_FILE moves the clock for tests: it cannot be set when NODE_ENV=production');
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const url = databaseUrl(env);
  const databaseFile = env.DATABASE_FILE || 'db/myrecord.sqlite';
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!isUrl(publicUrl, ['http:', 'https:']))
    throw new ConfigError(`PUBLIC_URL must be an http(s) address (it is "${withoutCredentials(publicUrl)}")`);
  if (production && !publicUrl.startsWith('https://')) {
    throw new ConfigError(
      `PUBLIC_URL must be an https:// address when NODE_ENV=production: it goes into e-mailed reset links (it is "${withoutCredentials(publicUrl)}")`,
    );
  }
  return {
    port,
    host: host(env.HOST, production),
    databaseFile,
    databaseUrl: url,
    appSecret: resolveAppSecret(env, databaseFile, production),
    publicUrl,
    bcryptCost: integer(env, 'BCRYPT_COST', 10, 4, 15),
    production,
    minPinLength: integer(env, 'PIN_MIN_LENGTH', 6, 1, PIN_MAX_LENGTH),
    sessionIdleMs: integer(env, 'SESSION_IDLE_MINUTES', 15, 1, 24 * 60) * 60_000,
    sessionAbsoluteMs: integer(env, 'SESSION_MAX_HOURS', 8, 1, 24 * 7) * 3_600_000,
    attemptRetentionDays: integer(env, 'ATTEMPT_RETENTION_DAYS', 90, 1, 3650),
    smtpUrl: smtpUrl(env.SMTP_URL, production),
    mailFrom: env.MAIL_FROM || 'myRecord <no-reply@library.invalid>',
    mailOutboxDir: env.MAIL_OUTBOX_DIR || 'db/outbox',
    resetRequestsPerBarcodeAddressHour: integer(env, 'RESET_REQUESTS_PER_BARCODE_ADDRESS_HOUR', 3, 1, 1000),
    resetRequestsPerAddressHour: integer(env, 'RESET_REQUESTS_PER_ADDRESS_HOUR', 20, 1, 100_000),
    resetRequestsPerBarcodeHour: integer(env, 'RESET_REQUESTS_PER_BARCODE_HOUR', 10, 1, 1000),
    hardLockFailures: integer(env, 'HARD_LOCK_FAILURES', 100, 0, 100_000),
    deviceMaxFailures: integer(env, 'DEVICE_MAX_FAILURES', 10, 0, 1000),
    addressMaxFailures: integer(env, 'ADDRESS_MAX_FAILURES', 50, 0, 1_000_000),
    addressWindowMs: integer(env, 'ADDRESS_WINDOW_MINUTES', 10, 1, 24 * 60) * 60_000,
    dueReminderDays: integer(env, 'DUE_REMINDER_DAYS', 3, 0, 30),
    refuseCommonPins: flag(env, 'REFUSE_COMMON_PINS', true),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    uploadDir: env.UPLOAD_DIR || 'db/uploads',
    uploadMaxMb: integer(env, 'UPLOAD_MAX_MB', 50, 1, 2048),
    // At least a day more than the 14 days' warning, so the warning never comes before the draft is a day old.
    depositDraftDays: integer(env, 'DEPOSIT_DRAFT_DAYS', 90, 15, 3650),
    clockOffsetFile: clockOffsetFile(env.CLOCK_OFFSET_FILE, production),
    staff2fa: staff2fa(env.STAFF_2FA, production),
    attackAlertFailures: integer(env, 'ATTACK_ALERT_FAILURES', 500, 0, 10_000_000),
  };
}
