/**
 * Where someone who had to log in first goes afterwards (docs/rules.md §8): the
 * page he asked for, carried as `?next=` through the login and the forced PIN change. Only a
 * path on this site, inside the area of whoever logs in (a patron's pages for a patron, the
 * console for staff), is kept: anything else (another site, `//evil.example`, `/\evil`, their
 * encoded forms, the login page itself) is dropped, so the login is never an open redirect.
 * Nothing is stored for a visitor who is not logged in: the path travels in the URL and the form.
 */
import { safeLocalPath } from '../http/local-path.js';

export type Area = 'patron' | 'staff';

const AREA_PREFIXES: Record<Area, readonly string[]> = {
  patron: ['/myrecord', '/catalogue', '/pin/modify'],
  staff: ['/staff'],
};

/** Where each login leads anyway: not worth a `?next=`. */
const HOME: Record<Area, string> = { patron: '/myrecord', staff: '/staff' };

/** Pages that are never worth coming back to: the logins themselves. */
const NEVER = ['/staff/login', '/staff/logout'];

/** The page to go to after logging in, if the value names one; undefined otherwise. */
export function returnPath(area: Area, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const path = safeLocalPath(value, '');
  if (path === '') return undefined;
  const pathname = path.split('?')[0]!;
  const inArea = AREA_PREFIXES[area].some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  if (!inArea || NEVER.some((never) => pathname === never || pathname.startsWith(`${never}/`))) return undefined;
  return path;
}

/** `page?next=…` for the page a request was refused from, when it is worth coming back to (GET only). */
export function withReturn(page: string, area: Area, request: { method: string; originalUrl: string }): string {
  const next = request.method === 'GET' ? returnPath(area, request.originalUrl) : undefined;
  return next === undefined || next === HOME[area] ? page : withNext(page, next);
}

/** A page with the return path carried on (the forced PIN change after the login). */
export function withNext(page: string, next: string | undefined): string {
  return next === undefined ? page : `${page}?next=${encodeURIComponent(next)}`;
}
