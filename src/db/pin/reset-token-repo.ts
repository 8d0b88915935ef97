import { sql } from 'kysely';
import type { Database } from '../engine/database.js';

export interface ResetTokenRow {
  patron_id: number;
  expires_at: number;
  used_at: number | null;
}

export type ResetTokenRepo = ReturnType<typeof createResetTokenRepo>;

/** Reset links (by SHA-256 hash of their token) and the requests for them. */
export function createResetTokenRepo(database: Database) {
  const insert = database.statement((tokenHash: string, patronId: number, at: number, expiresAt: number) => sql`
    INSERT INTO pin_reset_tokens (token_hash, patron_id, created_at, expires_at) VALUES (${tokenHash}, ${patronId}, ${at}, ${expiresAt})`);
  const retireOthers = database.statement((at: number, patronId: number) =>
    sql`UPDATE pin_reset_tokens SET used_at = ${at} WHERE patron_id = ${patronId} AND used_at IS NULL`);
  const find = database.statement((tokenHash: string) =>
    sql<ResetTokenRow>`SELECT patron_id, expires_at, used_at FROM pin_reset_tokens WHERE token_hash = ${tokenHash}`);
  // Single use: only the first of two racing uses finds the link unused.
  const use = database.statement((at: number, tokenHash: string, now: number) =>
    sql`UPDATE pin_reset_tokens SET used_at = ${at} WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${now}`);
  const removeOld = database.statement((before: number) => sql`DELETE FROM pin_reset_tokens WHERE expires_at < ${before}`);
  const recordRequest = database.statement((barcode: string, address: string | null, at: number) =>
    sql`INSERT INTO pin_reset_requests (barcode, client_address, at_ms) VALUES (${barcode}, ${address}, ${at})`);
  const byBarcode = database.statement((barcode: string, since: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM pin_reset_requests WHERE barcode = ${barcode} AND at_ms > ${since}`).pluck();
  // Served by the address (or barcode) index: refused requests are not recorded, so either holds few rows an hour.
  const byBarcodeFromAddress = database.statement((barcode: string, since: number, address: string) => sql<{ n: number }>`
    SELECT COUNT(*) AS n FROM pin_reset_requests WHERE barcode = ${barcode} AND at_ms > ${since} AND client_address = ${address}`).pluck();
  const byAddress = database.statement((address: string, since: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM pin_reset_requests WHERE client_address = ${address} AND at_ms > ${since}`).pluck();
  const removeOldRequests = database.statement((before: number) => sql`DELETE FROM pin_reset_requests WHERE at_ms < ${before}`);

  return {
    /** Stores a new link for the patron; any earlier unused link stops working. */
    create(tokenHash: string, patronId: number, now: number, expiresAt: number): void {
      retireOthers.run(now, patronId);
      insert.run(tokenHash, patronId, now, expiresAt);
    },
    /** Every unused link of the patron stops working: his PIN changed, so none may reset it now. */
    retireUnusedOf(patronId: number, now: number): void {
      retireOthers.run(now, patronId);
    },
    find(tokenHash: string): ResetTokenRow | undefined {
      return find.get(tokenHash);
    },
    /** Marks the link used if it is still unused and unexpired: true for exactly one caller. */
    use(tokenHash: string, now: number): boolean {
      return use.run(now, tokenHash, now).changes === 1;
    },
    recordRequest(barcode: string, clientAddress: string, at: number): void {
      recordRequest.run(barcode, clientAddress, at);
    },
    requestsForBarcodeSince(barcode: string, since: number): number {
      return byBarcode.get(barcode, since) ?? 0;
    },
    requestsForBarcodeFromAddressSince(barcode: string, clientAddress: string, since: number): number {
      return byBarcodeFromAddress.get(barcode, since, clientAddress) ?? 0;
    },
    requestsFromAddressSince(clientAddress: string, since: number): number {
      return byAddress.get(clientAddress, since) ?? 0;
    },
    deleteOlderThan(cutoff: number): void {
      removeOld.run(cutoff);
      removeOldRequests.run(cutoff);
    },
  };
}
