import session from 'express-session';
import type { SessionData } from 'express-session';
import type { SessionRepo } from '../../db/auth/session-repo.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/hash-token.js';

export interface SessionTimeouts {
  /** A session unused this long ends (library terminals are shared): 15 minutes. */
  idleMs: number;
  /** A session ends this long after it began, however busy: 8 hours. */
  absoluteMs: number;
}

/** The idle expiry is written again only when it would move by more than this. */
const TOUCH_SLACK_MS = 30_000;

type Callback = (err?: unknown) => void;

/**
 * express-session's store, in SQLite, so that a restart logs nobody out and several
 * processes share sessions. Rows are keyed by a hash of the session id, so a copy of
 * the database holds no usable session. Both timeouts are enforced here, on read.
 */
export class SqliteSessionStore extends session.Store {
  constructor(
    private readonly sessions: SessionRepo,
    private readonly clock: Clock,
    private readonly timeouts: SessionTimeouts,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    try {
      const idHash = sha256Hex(sid);
      const row = this.sessions.find(idHash);
      const now = this.clock.now();
      if (!row) return callback(null, null);
      if (row.expires_at <= now || row.created_at + this.timeouts.absoluteMs <= now) {
        this.sessions.delete(idHash);
        return callback(null, null);
      }
      callback(null, JSON.parse(row.data) as SessionData);
    } catch (err) {
      callback(err);
    }
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    try {
      const now = this.clock.now();
      const owner = { patronId: data.patronId ?? null, staffId: data.staffId ?? null };
      this.sessions.save(sha256Hex(sid), owner, JSON.stringify(data), now, now + this.timeouts.idleMs);
      callback?.();
    } catch (err) {
      callback?.(err);
    }
  }

  override touch(sid: string, _data: SessionData, callback?: Callback): void {
    try {
      this.sessions.extend(sha256Hex(sid), this.clock.now() + this.timeouts.idleMs, TOUCH_SLACK_MS);
      callback?.();
    } catch (err) {
      callback?.(err);
    }
  }

  override destroy(sid: string, callback?: Callback): void {
    try {
      this.sessions.delete(sha256Hex(sid));
      callback?.();
    } catch (err) {
      callback?.(err);
    }
  }

  /** Ends every session of a patron but the one with `exceptSid` (after a PIN change or reset). */
  endSessionsOf(patronId: number, exceptSid?: string): number {
    return this.sessions.deleteOfPatron(patronId, exceptSid ? sha256Hex(exceptSid) : null);
  }

  /** Ends every session of a member of staff (disabled, or password reset). */
  endStaffSessionsOf(staffId: number): number {
    return this.sessions.deleteOfStaff(staffId);
  }

  purgeExpired(): number {
    const now = this.clock.now();
    return this.sessions.deleteExpired(now, now - this.timeouts.absoluteMs);
  }
}
