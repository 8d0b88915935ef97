/**
 * How a published deposit is cited on its public page, and the Google Scholar meta tags of that
 * page (scholar.google.com/intl/en/scholar/inclusion.html: citation_title, one citation_author per
 * author in order, citation_publication_date, citation_pdf_url only where the PDF can be fetched…).
 * The citation is punctuation and data only, so it reads the same in either language.
 */
import type { DepositMetadata } from './deposit.js';

/** Authors; year. Title. Venue. https://doi.org/… — each part left out when empty. */
export function citationText(m: Pick<DepositMetadata, 'authors' | 'year' | 'title' | 'venue' | 'doi'>): string {
  const authors = m.authors.map((a) => a.name).join('; ');
  const head = [authors, m.year === null ? '' : `(${m.year})`].filter(Boolean).join(' ');
  const parts = [head, m.title, m.venue, m.doi ? `https://doi.org/${m.doi}` : ''].filter((p) => p !== '');
  return parts.map((p) => (/[.?!]$/.test(p) || p.startsWith('https://') ? p : `${p}.`)).join(' ');
}

export interface MetaTag {
  name: string;
  content: string;
}

/** The keywords as typed, split at commas and semicolons (either width). */
export function keywordList(keywords: string): string[] {
  return keywords
    .split(/[,;，；、]/)
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

/**
 * The citation_* tags, in the order Scholar reads them. `pdfUrl` is given only when the file may be
 * fetched by anyone now (published, embargo over); `publishedOn` is the day it went online here.
 */
export function scholarMeta(m: DepositMetadata, options: { pdfUrl: string | null; publishedOn: string }): MetaTag[] {
  const tags: MetaTag[] = [{ name: 'citation_title', content: m.title }];
  for (const author of m.authors) tags.push({ name: 'citation_author', content: author.name });
  if (m.year !== null) tags.push({ name: 'citation_publication_date', content: String(m.year) });
  tags.push({ name: 'citation_online_date', content: options.publishedOn.replace(/-/g, '/') });
  if (m.venue !== '') {
    const venueTag =
      m.type === 'article'
        ? 'citation_journal_title'
        : m.type === 'conference'
          ? 'citation_conference_title'
          : m.type === 'thesis'
            ? 'citation_dissertation_institution'
            : 'citation_publisher';
    tags.push({ name: venueTag, content: m.venue });
  }
  if (m.doi) tags.push({ name: 'citation_doi', content: m.doi });
  const keywords = keywordList(m.keywords);
  if (keywords.length > 0) tags.push({ name: 'citation_keywords', content: keywords.join('; ') });
  if (options.pdfUrl) tags.push({ name: 'citation_pdf_url', content: options.pdfUrl });
  return tags;
}
