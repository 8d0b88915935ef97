/**
 * Due dates are days in the library's calendar (Hong Kong), written YYYY-MM-DD, so that a
 * book due "on 3 December" is due that whole day wherever the server's clock is set.
 */

/** The library's time zone: every date and time the portal shows or reckons with is Hong Kong's. */
export const LIBRARY_TIME_ZONE = 'Asia/Hong_Kong';

export type LibraryDate = string;

const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: LIBRARY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function libraryDateOf(ms: number): LibraryDate {
  return formatter.format(new Date(ms));
}

/** A day of the calendar written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): value is LibraryDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function addDays(date: LibraryDate, days: number): LibraryDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LibraryDate, to: LibraryDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function earlier(a: LibraryDate, b: LibraryDate): LibraryDate {
  return a <= b ? a : b;
}
