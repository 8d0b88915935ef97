/**
 * Paging shared by the patron's list of recommendations and the acquisitions queue: both show the
 * same number a page, and a page asked for past either end is the nearest one that exists.
 */

/** A page of the patron's list and of the staff queue. */
export const REC_PAGE_SIZE = 20;

/** The page to show of `total` items when `asked` was asked for, the number of pages, and the rows to skip. */
export function recommendationPage(total: number, asked: number): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / REC_PAGE_SIZE));
  const page = Math.min(Math.max(asked, 1), pages);
  return { page, pages, offset: (page - 1) * REC_PAGE_SIZE };
}
