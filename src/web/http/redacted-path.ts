/**
 * A request's path as it may be written down (audit log, fault log): the secret in a reset
 * link (/pin/reset/:token) or a kiosk link (/kiosk/:token) replaced, as is any other segment shaped like a token (40 or more
 * base64url characters; barcodes have at most 32), and cut to a length worth keeping. Express
 * matches routes without regard to case, so neither does this.
 */
const LINK_TOKEN = /(\/pin\/reset\/|^\/kiosk\/)[^/]+/gi;
const TOKEN_SEGMENT = /^[A-Za-z0-9_-]{40,}$/;
const MAX_LENGTH = 200;

export function redactedPath(path: string): string {
  const redacted = path
    .slice(0, 4 * MAX_LENGTH)
    .replace(LINK_TOKEN, '$1[token]')
    .split('/')
    .map((segment) => (TOKEN_SEGMENT.test(segment) ? '[token]' : segment))
    .join('/');
  return redacted.length > MAX_LENGTH ? `${redacted.slice(0, MAX_LENGTH)}…` : redacted;
}
