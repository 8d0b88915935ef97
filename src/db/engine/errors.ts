/**
 * A write refused because a unique key or primary key already holds the value: how the portal
 * knows a copy is already on loan or a slot already booked, on either database.
 * (SQLite: SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY; PostgreSQL: SQLSTATE 23505.)
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** SQLite cannot write just now: busy or locked too long, read-only, disk full or failing, file gone. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN)/;
/**
 * PostgreSQL cannot serve just now: the connection failed or was refused (class 08 and the
 * network's own codes), the server is read-only (25006) or short of disk, memory or connections
 * (class 53), shutting down or starting (57P01–57P03), or a lock was not had in time (55P03).
 */
const POSTGRES_UNAVAILABLE = /^(08...|25006|53...|57P0[123]|55P03|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND)$/;

/** A fault of the database, not of the portal: the page says the portal is unavailable for a moment (503). */
export function isUnavailable(err: unknown): boolean {
  const code = codeOf(err);
  return code !== undefined && (SQLITE_UNAVAILABLE.test(code) || POSTGRES_UNAVAILABLE.test(code));
}

/** The driver's error code: better-sqlite3's SQLITE_… name, or PostgreSQL's SQLSTATE. */
function codeOf(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
