import { sql } from 'kysely';
import type { Database } from '../engine/database.js';

export type KioskLinkRepo = ReturnType<typeof createKioskLinkRepo>;

/** The facilities' kiosk links (migration 019), by the SHA-256 of their tokens: one link per facility. */
export function createKioskLinkRepo(database: Database) {
  const upsert = database.statement((p: { facilityId: number; tokenHash: string; staffId: number; at: number }) => sql`
    INSERT INTO kiosk_links (facility_id, token_hash, staff_id, created_at) VALUES (${p.facilityId}, ${p.tokenHash}, ${p.staffId}, ${p.at})
    ON CONFLICT (facility_id) DO UPDATE SET token_hash = excluded.token_hash, staff_id = excluded.staff_id, created_at = excluded.created_at`);
  const byHash = database.statement((tokenHash: string) => sql<{ facilityId: number }>`
    SELECT facility_id AS "facilityId" FROM kiosk_links WHERE token_hash = ${tokenHash}`).pluck();

  return {
    /** The facility's link is now this one: the one before it, if any, stops working. */
    replace(facilityId: number, tokenHash: string, staffId: number, at: number): void {
      upsert.run({ facilityId, tokenHash, staffId, at });
    },
    /** The facility a live link is for, or undefined for a token never made or retired since. */
    facilityOf: (tokenHash: string): number | undefined => byHash.get(tokenHash) ?? undefined,
  };
}
