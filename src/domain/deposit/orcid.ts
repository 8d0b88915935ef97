/**
 * An ORCID iD (orcid.org): 16 characters in four groups, 0000-0002-1825-0097, whose last is a
 * check digit by ISO 7064 MOD 11-2 over the first 15 digits (X stands for 10). It may be typed as
 * the link ORCID prints (https://orcid.org/0000-…), with or without the hyphens, in either case;
 * it is kept in the bare form with hyphens, X in capitals.
 */
export function orcidCheckDigit(first15: string): string {
  let total = 0;
  for (const digit of first15) total = (total + Number(digit)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/** The bare ORCID iD, or undefined when it is not one (malformed, or its check digit is wrong). */
export function parseOrcid(raw: string): string | undefined {
  const bare = raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.)?orcid\.org\//i, '')
    .toUpperCase();
  const chars = bare.replace(/-/g, '');
  if (!/^(?:\d{4}-?){3}\d{3}[\dX]$/.test(bare) || !/^\d{15}[\dX]$/.test(chars)) return undefined;
  if (orcidCheckDigit(chars.slice(0, 15)) !== chars[15]) return undefined;
  return chars.match(/.{4}/g)!.join('-');
}
