import type { Db } from './connection.js';

export interface SessionRow {
  data: string;
  created_at: number;
  expires_at: number;
}

export type SessionRepo = ReturnType<typeof createSessionRepo>;

/** Sessions keyed by the SHA-256 hash of their id (the caller hashes). */
export function createSessionRepo(db: Db) {
  const get = db.prepare<[string], SessionRow>('SELECT data, created_at, expires_at FROM sessions WHERE id_hash = ?');
  const upsert = db.prepare(`INSERT INTO sessions (id_hash, patron_id, staff_id, data, created_at, expires_at)
    VALUES (@idHash, @patronId, @staffId, @data, @now, @expiresAt)
    ON CONFLICT (id_hash) DO UPDATE SET patron_id = excluded.patron_id, staff_id = excluded.staff_id,
      data = excluded.data, expires_at = excluded.expires_at`);
  const extend = db.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ? AND expires_at < ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const removeOfPatron = db.prepare('DELETE FROM sessions WHERE patron_id = ? AND id_hash IS NOT ?');
  const removeOfStaff = db.prepare('DELETE FROM sessions WHERE staff_id = ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const removeStarted = db.prepare('DELETE FROM sessions WHERE created_at <= ?');

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
