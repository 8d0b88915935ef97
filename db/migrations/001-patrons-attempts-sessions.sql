-- Patrons, login attempts and sessions: the core of the portal (pin-policy.md §2, §6, §9).

-- No ID number is stored: only the default PIN's hash, which document it came from,
-- and a keyed fingerprint (HMAC-SHA-256) of the normalised number.
CREATE TABLE patrons (
  id               INTEGER PRIMARY KEY,
  barcode          TEXT    NOT NULL UNIQUE,
  name             TEXT    NOT NULL,
  email            TEXT,
  patron_type      TEXT    NOT NULL,
  expiry_date      TEXT,
  id_document      TEXT    NOT NULL CHECK (id_document IN ('hkid', 'passport', 'mainland_id')),
  id_fingerprint   TEXT    NOT NULL,
  default_pin_hash TEXT    NOT NULL,
  -- NULL while the default PIN applies (never chosen, or deleted since).
  chosen_pin_hash  TEXT,
  pin_changed_at   INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;

-- Every login attempt, by barcode as submitted (known or not). Blocked attempts are a
-- count per barcode and minute, so a flood of refusals cannot grow the table without bound.
CREATE TABLE login_attempts (
  id             INTEGER PRIMARY KEY,
  barcode        TEXT    NOT NULL,
  at_ms          INTEGER NOT NULL,
  outcome        TEXT    NOT NULL CHECK (outcome IN ('pending', 'success', 'failure', 'blocked')),
  client_address TEXT,
  count          INTEGER NOT NULL DEFAULT 1
) STRICT;
-- The one index: it covers the window query (barcode, time range, outcome).
CREATE INDEX login_attempts_window ON login_attempts (barcode, at_ms, outcome);

-- Sessions are keyed by a SHA-256 hash of the session id: the table never holds a usable id.
CREATE TABLE sessions (
  id_hash    TEXT    PRIMARY KEY,
  patron_id  INTEGER REFERENCES patrons (id) ON DELETE CASCADE,
  data       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_patron ON sessions (patron_id) WHERE patron_id IS NOT NULL;
CREATE INDEX sessions_expiry ON sessions (expires_at);
