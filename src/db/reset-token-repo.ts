import type { Db } from './connection.js';

export interface ResetTokenRow {
  patron_id: number;
  expires_at: number;
  used_at: number | null;
}

export type ResetTokenRepo = ReturnType<typeof createResetTokenRepo>;

/** Reset links (by SHA-256 hash of their token) and the requests for them. */
export function createResetTokenRepo(db: Db) {
  const insert = db.prepare('INSERT INTO pin_reset_tokens (token_hash, patron_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const retireOthers = db.prepare('UPDATE pin_reset_tokens SET used_at = ? WHERE patron_id = ? AND used_at IS NULL');
  const find = db.prepare<[string], ResetTokenRow>('SELECT patron_id, expires_at, used_at FROM pin_reset_tokens WHERE token_hash = ?');
  const use = db.prepare('UPDATE pin_reset_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?');
  const removeOld = db.prepare('DELETE FROM pin_reset_tokens WHERE expires_at < ?');
  const recordRequest = db.prepare('INSERT INTO pin_reset_requests (barcode, client_address, at_ms) VALUES (?, ?, ?)');
  const byBarcode = db.prepare<[string, number], number>('SELECT COUNT(*) FROM pin_reset_requests WHERE barcode = ? AND at_ms > ?').pluck();
  // Served by the address (or barcode) index: refused requests are not recorded, so either holds few rows an hour.
  const byBarcodeFromAddress = db.prepare<[string, number, string], number>(
    'SELECT COUNT(*) FROM pin_reset_requests WHERE barcode = ? AND at_ms > ? AND client_address = ?',
  ).pluck();
  const byAddress = db.prepare<[string, number], number>(
    'SELECT COUNT(*) FROM pin_reset_requests WHERE client_address = ? AND at_ms > ?',
  ).pluck();
  const removeOldRequests = db.prepare('DELETE FROM pin_reset_requests WHERE at_ms < ?');

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
