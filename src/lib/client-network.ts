/**
 * What a client is counted by in the per-address limits (failed logins across barcodes,
 * reset requests). An IPv4 address stands for itself. An IPv6 client is counted by its
 * /64, the block one home or office is given: otherwise a single attacker could spread
 * his attempts over 2^64 addresses. IPv4 reached over an IPv6 socket (::ffff:10.1.2.3)
 * is plain IPv4.
 */
import { isIPv6 } from 'node:net';

export const IPV6_PREFIX_LENGTH = 64;

export function clientNetwork(address: string): string {
  // A link-local address may carry its zone (fe80::1%eth0): the zone names our interface, not the client.
  const withoutZone = address.split('%', 1)[0] ?? address;
  if (!isIPv6(withoutZone)) return address;
  const groups = ipv6Groups(withoutZone);
  const mapped = mappedIPv4(groups);
  if (mapped) return mapped;
  const network = groups.map((group, i) => (i < IPV6_PREFIX_LENGTH / 16 ? group : 0));
  return `${canonicalIPv6(network)}/${IPV6_PREFIX_LENGTH}`;
}

/**
 * The eight 16-bit groups of a valid IPv6 address. The WHATWG URL parser does the parsing
 * (`::` anywhere, an embedded IPv4 tail, upper case) and writes the canonical form, which
 * has at most one `::` and no IPv4 tail: that form is all this function expands.
 */
function ipv6Groups(address: string): number[] {
  const canonical = canonicalIPv6(address);
  const [head = '', tail] = canonical.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function canonicalIPv6(address: string | number[]): string {
  const text = typeof address === 'string' ? address : address.map((group) => group.toString(16)).join(':');
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

/** ::ffff:a.b.c.d, the form an IPv4 client takes on a dual-stack socket. */
function mappedIPv4(groups: number[]): string | undefined {
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  if (g0 !== 0 || g1 !== 0 || g2 !== 0 || g3 !== 0 || g4 !== 0 || g5 !== 0xffff) return undefined;
  return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.');
}
