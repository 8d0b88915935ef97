/**
 * The "ISSN or DOI" of an article request. An ISSN is 8 characters, written 1234-567X, whose last is
 * a mod-11 check digit (X for 10); a DOI is 10. followed by a registrant code, a slash and a suffix
 * (10.1000/182), and may be typed with doi: or https://doi.org/ before it.
 */
import { parseDoi } from '../shared/doi.js';

export type IssnOrDoi = { kind: 'issn'; value: string } | { kind: 'doi'; value: string };

export function parseIssn(raw: string): string | undefined {
  const chars = raw.trim().replace(/[-\s]/g, '').toUpperCase();
  if (!/^\d{7}[\dX]$/.test(chars)) return undefined;
  const sum = [...chars.slice(0, 7)].reduce((acc, d, i) => acc + Number(d) * (8 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  if ((check === 10 ? 'X' : String(check)) !== chars[7]) return undefined;
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export function parseIssnOrDoi(raw: string): IssnOrDoi | undefined {
  const issn = parseIssn(raw);
  if (issn) return { kind: 'issn', value: issn };
  const doi = parseDoi(raw);
  return doi ? { kind: 'doi', value: doi } : undefined;
}
