/**
 * A request's path as it may be written down (audit log, fault log): the secret in a reset
 * link (/pin/reset/:token) replaced, and cut to a length worth keeping. Express matches routes
 * without regard to case, so neither does this.
 */
const RESET_LINK_TOKEN = /(\/pin\/reset\/)[^/]+/gi;
const MAX_LENGTH = 200;

export function redactedPath(path: string): string {
  const redacted = path.replace(RESET_LINK_TOKEN, '$1[token]');
  return redacted.length > MAX_LENGTH ? `${redacted.slice(0, MAX_LENGTH)}…` : redacted;
}
