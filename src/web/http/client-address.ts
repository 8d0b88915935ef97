import type { Request } from 'express';
import { clientNetwork } from '../../lib/client-network.js';

/**
 * The client's address as it is recorded and counted: Express's view of it (proxy headers
 * count only when TRUST_PROXY is set), an IPv6 client by its /64 (2001:db8:1:2::/64) so the
 * per-address limits hold against one who owns the whole block, and an IPv4 address
 * reached over an IPv6 socket (::ffff:10.1.2.3) written plainly.
 */
export function clientAddress(req: Request): string | null {
  const address = req.ip ?? req.socket.remoteAddress ?? null;
  return address === null ? null : clientNetwork(address);
}
