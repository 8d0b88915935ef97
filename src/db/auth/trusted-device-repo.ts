import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import { MAX_DEVICES_PER_KEY, type DeviceRecord } from '../../domain/auth/device-trust.js';

export type TrustedDeviceRepo = ReturnType<typeof createTrustedDeviceRepo>;

/**
 * The trusted_devices table: browsers trusted for a key, by SHA-256 hash of their device id
 * (the table never holds an id a cookie could carry). Every query is served by the primary key
 * (device_hash, attempt_key), apart from housekeeping's (the expiry index) and the trimming of a
 * key's browsers to the most recently used (the key index).
 */
export function createTrustedDeviceRepo(database: Database) {
  const find = database.statement((deviceHash: string, key: string) => sql<DeviceRecord>`
    SELECT failures, expires_at AS "expiresAt" FROM trusted_devices WHERE device_hash = ${deviceHash} AND attempt_key = ${key}`);
  const countAttempt = database.statement((deviceHash: string, key: string) =>
    sql`UPDATE trusted_devices SET failures = failures + 1 WHERE device_hash = ${deviceHash} AND attempt_key = ${key}`);
  const forget = database.statement((deviceHash: string, key: string) =>
    sql`DELETE FROM trusted_devices WHERE device_hash = ${deviceHash} AND attempt_key = ${key}`);
  const rename = database.statement((newHash: string, oldHash: string) =>
    sql`UPDATE trusted_devices SET device_hash = ${newHash} WHERE device_hash = ${oldHash}`);
  const trust = database.statement((deviceHash: string, key: string, expiresAt: number) => sql`
    INSERT INTO trusted_devices (device_hash, attempt_key, failures, expires_at) VALUES (${deviceHash}, ${key}, 0, ${expiresAt})
    ON CONFLICT (device_hash, attempt_key) DO UPDATE SET failures = 0, expires_at = excluded.expires_at`);
  const resetFailures = database.statement((deviceHash: string, key: string) =>
    sql`UPDATE trusted_devices SET failures = 0 WHERE device_hash = ${deviceHash} AND attempt_key = ${key}`);
  const deleteExpired = database.statement((now: number) => sql`DELETE FROM trusted_devices WHERE expires_at <= ${now}`);
  const keepNewest = database.statement((key: string, keep: number) => sql`
    DELETE FROM trusted_devices WHERE attempt_key = ${key} AND device_hash NOT IN (
      SELECT device_hash FROM trusted_devices WHERE attempt_key = ${key} ORDER BY expires_at DESC LIMIT ${keep})`);

  return {
    find(deviceHash: string, key: string): DeviceRecord | undefined {
      return find.get(deviceHash, key);
    },
    /** An attempt from the device is counted as a failure until it succeeds. */
    countAttempt(deviceHash: string, key: string): void {
      countAttempt.run(deviceHash, key);
    },
    /** A success from the device: its failures in a row start again from nothing. */
    resetFailures(deviceHash: string, key: string): void {
      resetFailures.run(deviceHash, key);
    },
    /** The device is trusted no more for the key. */
    forget(deviceHash: string, key: string): void {
      forget.run(deviceHash, key);
    },
    /**
     * The browser now goes by `newHash`: the keys it was trusted for under `oldHash` move with it,
     * and it is trusted for `key` until `expiresAt`, with no failures. The key's browsers beyond
     * MAX_DEVICES_PER_KEY, those unused longest, are forgotten.
     */
    trust(oldHash: string | undefined, newHash: string, key: string, expiresAt: number): void {
      if (oldHash !== undefined) rename.run(newHash, oldHash);
      trust.run(newHash, key, expiresAt);
      keepNewest.run(key, MAX_DEVICES_PER_KEY);
    },
    deleteExpired(now: number): number {
      return deleteExpired.run(now).changes;
    },
  };
}
