import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { IllLimits } from '../../domain/ill/ill-request.js';
import type { PatronType } from '../../domain/patrons/patron.js';

export type IllLimitRepo = ReturnType<typeof createIllLimitRepo>;

/** What each patron type may ask other libraries for (table ill_limits, beside loan_rules). */
export function createIllLimitRepo(db: Database) {
  const byType = db.statement((type: PatronType) => sql<{ patronType: PatronType; booksAllowed: number; copiesAllowed: number; openAllowed: number; copyDownloads: number; copyDays: number }>`
    SELECT patron_type AS "patronType", books_allowed AS "booksAllowed", copies_allowed AS "copiesAllowed", open_allowed AS "openAllowed",
      copy_downloads AS "copyDownloads", copy_days AS "copyDays"
    FROM ill_limits WHERE patron_type = ${type}`);
  return {
    limitsFor(type: PatronType): IllLimits {
      const row = byType.get(type);
      // A type without a row may ask for nothing, rather than the portal failing.
      if (!row) return { patronType: type, booksAllowed: false, copiesAllowed: false, openAllowed: 0, copyDownloads: 1, copyDays: 1 };
      return { ...row, booksAllowed: row.booksAllowed === 1, copiesAllowed: row.copiesAllowed === 1 };
    },
  };
}
