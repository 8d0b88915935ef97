/**
 * The data a portal's pages show as it is stored, in whatever language it was entered: patrons'
 * names and e-mail addresses, staff usernames, the catalogue (titles, authors, publishers,
 * subjects, call numbers, shelf locations), and what the audit log recorded of each action (a
 * username, an item's barcode and title, a request line), what patrons typed into a recommendation or
 * an interlibrary loan request, and staff's notes on them; iBooking's facility names and locations and
 * the reasons staff gave, and the bookers' initials on a facility's kiosk. A page in Chinese may show these in English.
 *
 * Not data: the pickup locations. They are the library's own fixed list (migration 004), read by
 * every patron choosing where to collect a book, so they are wording to translate like any other.
 */
import type { Database } from '../db/engine/database.js';
import { prepare } from './raw-sql.js';
import { initialsOf } from '../domain/booking/kiosk.js';

export function shownData(db: Database): string[] {
  const column = (sql: string) => prepare(db, sql).pluck().all() as Array<string | null>;
  return [
    ...column('SELECT name FROM patrons'),
    ...column('SELECT email FROM patrons'),
    ...column('SELECT username FROM staff'),
    ...column('SELECT title FROM records'),
    ...column('SELECT author FROM records'),
    ...column('SELECT publisher FROM records'),
    ...column('SELECT subjects FROM records'),
    ...column('SELECT DISTINCT call_number FROM copies'),
    ...column('SELECT DISTINCT location FROM copies'),
    ...column('SELECT DISTINCT detail FROM audit_log'),
    // Book Recommendation: what patrons typed, and staff's notes in the history.
    ...column('SELECT title FROM recommendations'),
    ...column('SELECT author FROM recommendations'),
    ...column('SELECT publisher FROM recommendations'),
    ...column('SELECT note FROM recommendations'),
    ...column("SELECT note FROM status_history WHERE subject = 'recommendation'"),
    // What patrons typed in their interlibrary loan requests, and what staff typed with each step.
    ...[
      'title',
      'article_title',
      'author',
      'publisher',
      'edition',
      'volume',
      'issue',
      'pages',
      'issn_doi',
      'note',
      'lender',
      'unfilled_reason',
      'file_sha256',
    ].flatMap((c) => column(`SELECT DISTINCT ${c} FROM ill_requests`)),
    ...column('SELECT DISTINCT note FROM status_history'),
    // iBooking: facilities are named and placed by staff, as typed; so are blackouts' and cancellations' reasons.
    ...column('SELECT name FROM facilities'),
    ...column('SELECT DISTINCT location FROM facilities'),
    ...column('SELECT DISTINCT reason FROM facility_blackouts'),
    ...column('SELECT DISTINCT cancel_reason FROM bookings'),
    // A facility's kiosk shows bookers by their initials.
    ...column('SELECT name FROM patrons').map((name) => initialsOf(name ?? '')),
    // What authors typed into their deposits, and the files' checksums.
    ...['title', 'venue', 'doi', 'abstract', 'keywords', 'file_sha256'].flatMap((c) => column(`SELECT DISTINCT ${c} FROM deposits`)),
    // Shown as they are split on the page: an abstract's paragraphs, each keyword.
    ...column('SELECT DISTINCT abstract FROM deposits').flatMap((a) => (a ?? '').split(/\n\s*\n/)),
    ...column('SELECT DISTINCT keywords FROM deposits').flatMap((k) => (k ?? '').split(/[,;，；、]/).map((w) => w.trim())),
    ...column('SELECT DISTINCT name FROM deposit_authors'),
    ...column('SELECT DISTINCT orcid FROM deposit_authors'),
  ].filter((value): value is string => typeof value === 'string' && value !== '');
}
