import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { AuditActor, AuditAction } from '../../domain/staff/audit-action.js';

export interface AuditEntry {
  actor: AuditActor;
  staffId?: number | null;
  patronId?: number | null;
  action: AuditAction;
  clientAddress?: string | null;
  /** A short note with no PIN, password or ID number in it (e.g. the account a staff action concerned). */
  detail?: string | null;
}

export interface AuditRecord {
  id: number;
  atMs: number;
  actor: AuditActor;
  staffUsername: string | null;
  patronBarcode: string | null;
  patronName: string | null;
  action: AuditAction;
  clientAddress: string | null;
  detail: string | null;
}

export interface AuditFilter {
  patronBarcode?: string;
  staffUsername?: string;
  /** Entries older than this id (the last one of the page before). */
  beforeId?: number;
  limit: number;
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;

export function createAuditRepo(database: Database) {
  const insert = database.statement((e: {
    at: number; actor: AuditActor; staffId: number | null; patronId: number | null; action: AuditAction; clientAddress: string | null; detail: string | null;
  }) => sql`INSERT INTO audit_log (at_ms, actor, staff_id, patron_id, action, client_address, detail)
    VALUES (${e.at}, ${e.actor}, ${e.staffId}, ${e.patronId}, ${e.action}, ${e.clientAddress}, ${e.detail})`);
  // Newest first, paged by id (keyset), so a page costs the same however deep. A filter left out is
  // NULL; the casts tell PostgreSQL the type of a parameter that is only tested for NULL.
  const search = database.statement((f: { patron: string | null; staff: string | null; before: number | null; limit: number }) => sql<{
    id: number; at_ms: number; actor: AuditActor; staff_username: string | null; patron_barcode: string | null; patron_name: string | null;
    action: AuditAction; client_address: string | null; detail: string | null;
  }>`SELECT a.id, a.at_ms, a.actor, s.username AS staff_username, p.barcode AS patron_barcode, p.name AS patron_name,
       a.action, a.client_address, a.detail
     FROM audit_log a
     LEFT JOIN staff s ON s.id = a.staff_id
     LEFT JOIN patrons p ON p.id = a.patron_id
     WHERE (CAST(${f.patron} AS TEXT) IS NULL OR p.barcode = ${f.patron})
       AND (CAST(${f.staff} AS TEXT) IS NULL OR s.username = ${f.staff})
       AND (CAST(${f.before} AS BIGINT) IS NULL OR a.id < ${f.before})
     ORDER BY a.id DESC
     LIMIT ${f.limit}`);

  return {
    record(entry: AuditEntry, at: number): void {
      insert.run({
        at,
        actor: entry.actor,
        staffId: entry.staffId ?? null,
        patronId: entry.patronId ?? null,
        action: entry.action,
        clientAddress: entry.clientAddress ?? null,
        detail: entry.detail ?? null,
      });
    },
    search(filter: AuditFilter): AuditRecord[] {
      return search
        .all({ patron: filter.patronBarcode ?? null, staff: filter.staffUsername ?? null, before: filter.beforeId ?? null, limit: filter.limit })
        .map((row) => ({
          id: row.id,
          atMs: row.at_ms,
          actor: row.actor,
          staffUsername: row.staff_username,
          patronBarcode: row.patron_barcode,
          patronName: row.patron_name,
          action: row.action,
          clientAddress: row.client_address,
          detail: row.detail,
        }));
    },
  };
}
