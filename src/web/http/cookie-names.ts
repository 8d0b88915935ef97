/**
 * In production every cookie of the portal carries the `__Host-` prefix: the browser then
 * accepts it only over HTTPS, for this host alone (no Domain) and for the whole site (Path=/),
 * so a neighbouring subdomain cannot plant or overwrite it. Plain HTTP in development cannot
 * use the prefix, so the bare name is kept there.
 */
export function cookieName(base: string, production: boolean): string {
  return production ? `__Host-${base}` : base;
}
