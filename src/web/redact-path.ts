/**
 * A request path as it may be written to a log: any segment shaped like a secret token (40 or
 * more base64url characters, as the 43-character reset links are) replaced. Barcodes (at most 32
 * characters) and record ids stay readable.
 */
const TOKEN_SEGMENT = /^[A-Za-z0-9_-]{40,}$/;

export function redactPath(path: string): string {
  return path
    .slice(0, 2000)
    .split('/')
    .map((segment) => (TOKEN_SEGMENT.test(segment) ? '[redacted]' : segment))
    .join('/');
}
