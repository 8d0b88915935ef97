/**
 * Trusted devices, as pure logic (OWASP "Slow Brute Force Protection using Device Cookies";
 * ASVS 2.2.1: no one can lock another person out for good).
 *
 * - A browser where someone has logged in on a key (a barcode, or a staff username) is trusted
 *   for that key for DEVICE_TRUST_DAYS (180) after its latest success there.
 * - A trusted attempt is not stopped by the key's hard limit (HARD_LOCK_FAILURES), which strangers'
 *   failures cause; its own failures go to the device, not to the key's streak.
 * - A device has its own budget: DEVICE_MAX_FAILURES (10) failures in a row, an undecided attempt
 *   counting as one. Once spent, the device is no longer trusted. 0 turns device trust off.
 * - The one-minute block and the per-address limit apply to every attempt, trusted or not.
 * - A key is trusted in at most MAX_DEVICES_PER_KEY (20) browsers, the most recently used: logging
 *   in again and again without keeping the cookie cannot make the server remember without end.
 */
import { isSuspended } from './lockout-policy.js';

export const DEFAULT_DEVICE_MAX_FAILURES = 10;
export const DEVICE_TRUST_DAYS = 180;
export const DEVICE_TRUST_MS = DEVICE_TRUST_DAYS * 86_400_000;
export const MAX_DEVICES_PER_KEY = 20;

/** What the server remembers of a browser for one key. */
export interface DeviceRecord {
  /** Failed or undecided attempts in a row from this browser on this key. */
  failures: number;
  expiresAt: number;
}

export function isTrustedDevice(device: DeviceRecord | undefined, now: number, deviceMaxFailures: number): boolean {
  return deviceMaxFailures > 0 && device !== undefined && device.expiresAt > now && device.failures < deviceMaxFailures;
}

/** After this failure the device has no budget left: it is trusted no more. */
export function hasSpentBudget(failures: number, deviceMaxFailures: number): boolean {
  return failures >= deviceMaxFailures;
}

/** The hard limit stops only attempts from browsers not trusted for the key. */
export function stoppedByHardLimit(keyFailuresInARow: number, hardLockFailures: number, trusted: boolean): boolean {
  return !trusted && isSuspended(keyFailuresInARow, hardLockFailures);
}

/** A success renews the trust for the device's whole lifetime. */
export function trustedUntil(now: number): number {
  return now + DEVICE_TRUST_MS;
}
