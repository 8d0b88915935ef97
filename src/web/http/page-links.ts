/**
 * The numbered page links under a list of results: 1 2 3 … 18. Always the first and the last
 * page, and three pages around the current one (the first three or the last three at either
 * end), so that at most seven items are shown and they fit a phone's width. Skipped pages are
 * one gap (…); a gap that would hide a single page shows that page instead.
 */
export type PageLink = { kind: 'page'; page: number; current: boolean } | { kind: 'gap' };

export function pageLinks(current: number, pages: number): PageLink[] {
  if (pages <= 1) return [];
  const windowStart = Math.min(Math.max(current - 1, 1), Math.max(pages - 2, 1));
  const shown = new Set([1, pages]);
  for (let page = windowStart; page <= Math.min(windowStart + 2, pages); page++) shown.add(page);
  const links: PageLink[] = [];
  let previous = 0;
  for (const page of [...shown].sort((a, b) => a - b)) {
    if (page - previous === 2) links.push({ kind: 'page', page: previous + 1, current: previous + 1 === current });
    else if (page - previous > 2) links.push({ kind: 'gap' });
    links.push({ kind: 'page', page, current: page === current });
    previous = page;
  }
  return links;
}
