/**
 * A DOI: 10. followed by a registrant code, a slash and a suffix (10.1000/182). It may be typed
 * with doi: or https://doi.org/ before it, and is kept without. Used by the interlibrary loan
 * forms and by research archive deposits alike.
 */
export function parseDoi(raw: string): string | undefined {
  const doi = raw.trim().replace(/^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i, '');
  return /^10\.\d{4,9}(?:\.\d+)*\/\S+$/.test(doi) ? doi : undefined;
}
