import type { Request } from 'express';

/**
 * The client's address as Express sees it: proxy headers count only when TRUST_PROXY is
 * set. An IPv4 address reached over an IPv6 socket (::ffff:10.1.2.3) is written plainly.
 */
export function clientAddress(req: Request): string | null {
  const address = req.ip ?? req.socket.remoteAddress ?? null;
  return address?.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
