/**
 * Recovery codes: ten single-use codes shown once at enrolment, for a member of staff whose phone is
 * lost. Each is 10 characters of Crockford's base32 (50 random bits), shown as two groups of five
 * ("7K3Q9-X4M2P"); typed back, case, spaces and dashes do not matter, and the letters people confuse
 * with digits (O, I, L) read as the digits. 50 bits, behind the five-a-minute gate, cannot be guessed,
 * so a plain SHA-256 of the normalised code is enough to store (a slow hash is for what people choose).
 */
import { randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The code as stored (hashed): upper case, no separators, O/I/L read as 0/1/1; undefined when it cannot be one. */
export function normaliseRecoveryCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== LENGTH || ![...code].every((c) => ALPHABET.includes(c))) return undefined;
  return code;
}

/** A six-digit code from an authenticator app, spaces allowed ("123 456"); undefined when it is not one. */
export function normaliseTotpCode(typed: string): string | undefined {
  const code = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}
