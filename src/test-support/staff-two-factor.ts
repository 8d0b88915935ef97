/** What the staff second-factor tests compute as the member of staff's authenticator app would. */
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { DEMO_STAFF } from '../demo/demo-staff.js';

export const passwordOf = (username: string): string => DEMO_STAFF.find((m) => m.username === username)!.password;

/** The secret as the enrolment page shows it (groups of four), without the spaces. */
export function shownSecret(page: string): string {
  const secret = /<code class="secret" id="totp-secret">([A-Z2-7 ]+)<\/code>/.exec(page)?.[1];
  assert.ok(secret, 'the enrolment page shows the secret as text');
  return secret.replace(/ /g, '');
}

/** The six-digit code an app would show for the secret at that moment. */
export const codeAt = (secret: string, timestamp: number): string =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp });
