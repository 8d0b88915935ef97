/**
 * The app's codes (RFC 6238 TOTP through the otpauth library): SHA-1, 30-second steps, 6 digits, as
 * every common authenticator app reads them from the QR code.
 */
import * as OTPAuth from 'otpauth';
import type { StaffMember } from '../../domain/staff/staff.js';

const PERIOD_SECONDS = 30;
/** A code of the step before or after now is accepted too: phones' clocks drift, and typing takes time. */
const WINDOW_STEPS = 1;
const ISSUER = 'myRecord';

function totpOf(member: StaffMember, secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: member.username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** A new secret for an app, in base32 as the QR code and the page show it. */
export const newTotpSecret = (): string => new OTPAuth.Secret({ size: 20 }).base32;

/** The otpauth:// address the QR code holds: the app's entry for this member. */
export const totpUri = (member: StaffMember, secret: string): string => totpOf(member, secret).toString();

/** The time step the code belongs to, if it is a right code at `now`. */
export function totpStepOf(member: StaffMember, secret: string, code: string, now: number): number | undefined {
  const delta = totpOf(member, secret).validate({ token: code, timestamp: now, window: WINDOW_STEPS });
  return delta === null ? undefined : OTPAuth.TOTP.counter({ period: PERIOD_SECONDS, timestamp: now }) + delta;
}
