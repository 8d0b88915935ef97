import type { Request } from 'express';

/** The client's address as Express sees it: proxy headers count only when TRUST_PROXY is set. */
export function clientAddress(req: Request): string | null {
  return req.ip ?? req.socket.remoteAddress ?? null;
}
