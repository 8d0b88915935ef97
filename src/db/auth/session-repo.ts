import { sql } from 'kysely';
import type { Database } from '../engine/database.js';

export interface SessionRow {
  data: string;
  created_at: number;
  expires_at: number;
}

export type SessionRepo = ReturnType<typeof createSessionRepo>;

/** Sessions keyed by the SHA-256 hash of their id (the caller hashes). */
export function createSessionRepo(database: Database) {
  const get = database.statement((idHash: string) => sql<SessionRow>`SELECT data, created_at, expires_at FROM sessions WHERE id_hash = ${idHash}`);
  const upsert = database.statement((s: { idHash: string; patronId: number | null; staffId: number | null; data: string; now: number; expiresAt: number }) => sql`
    INSERT INTO sessions (id_hash, patron_id, staff_id, data, created_at, expires_at)
    VALUES (${s.idHash}, ${s.patronId}, ${s.staffId}, ${s.data}, ${s.now}, ${s.expiresAt})
    ON CONFLICT (id_hash) DO UPDATE SET patron_id = excluded.patron_id, staff_id = excluded.staff_id,
      data = excluded.data, expires_at = excluded.expires_at`);
  const extend = database.statement((expiresAt: number, idHash: string, before: number) =>
    sql`UPDATE sessions SET expires_at = ${expiresAt} WHERE id_hash = ${idHash} AND expires_at < ${before}`);
  const remove = database.statement((idHash: string) => sql`DELETE FROM sessions WHERE id_hash = ${idHash}`);
  const removeOfPatron = database.statement((patronId: number, except: string | null) =>
    sql`DELETE FROM sessions WHERE patron_id = ${patronId} AND id_hash IS DISTINCT FROM ${except}`);
  const removeOfStaff = database.statement((staffId: number) => sql`DELETE FROM sessions WHERE staff_id = ${staffId}`);
  const removeExpired = database.statement((now: number) => sql`DELETE FROM sessions WHERE expires_at <= ${now}`);
  const removeStarted = database.statement((before: number) => sql`DELETE FROM sessions WHERE created_at <= ${before}`);

  return {
    find(idHash: string): SessionRow | undefined {
      return get.get(idHash);
    },
    save(idHash: string, owner: { patronId: number | null; staffId: number | null }, data: string, now: number, expiresAt: number): void {
      upsert.run({ idHash, ...owner, data, now, expiresAt });
    },
    /** Moves the idle expiry to `expiresAt` only if that moves it by more than `slackMs`: no write on most requests. */
    extend(idHash: string, expiresAt: number, slackMs: number): void {
      extend.run(expiresAt, idHash, expiresAt - slackMs);
    },
    delete(idHash: string): void {
      remove.run(idHash);
    },
    /** Ends every session of the patron, except the one named (the one making a change). */
    deleteOfPatron(patronId: number, exceptIdHash: string | null = null): number {
      return removeOfPatron.run(patronId, exceptIdHash).changes;
    },
    deleteOfStaff(staffId: number): number {
      return removeOfStaff.run(staffId).changes;
    },
    deleteExpired(now: number, startedBefore: number): number {
      return removeExpired.run(now).changes + removeStarted.run(startedBefore).changes;
    },
  };
}
