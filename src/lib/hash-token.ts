import { createHash, createHmac } from 'node:crypto';

/** SHA-256 of a secret token, as stored: the table never holds a usable token. */
export function sha256Hex(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A keyed fingerprint: tells whether a value changed without keeping the value. */
export function hmacHex(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}
