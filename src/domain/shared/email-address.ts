/** An e-mail address as the portal accepts one (a patron's, a member of staff's): something@host.tld, no spaces, at most 254 characters. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
