-- Forgotten PINs and the counter (pin-policy.md §7): staff accounts, online reset links,
-- lifting a block, and the audit log.

CREATE TABLE staff (
  id                  INTEGER PRIMARY KEY,
  username            TEXT    NOT NULL UNIQUE,
  role                TEXT    NOT NULL CHECK (role IN ('circulation', 'admin')),
  password_hash       TEXT    NOT NULL,
  password_changed_at INTEGER NOT NULL,
  disabled_at         INTEGER,
  created_at          INTEGER NOT NULL
) STRICT;

-- A session belongs to a patron or to a member of staff, never both.
ALTER TABLE sessions ADD COLUMN staff_id INTEGER REFERENCES staff (id) ON DELETE CASCADE;
CREATE INDEX sessions_staff ON sessions (staff_id) WHERE staff_id IS NOT NULL;

-- Only a SHA-256 hash of each reset token is kept.
CREATE TABLE pin_reset_tokens (
  token_hash TEXT    PRIMARY KEY,
  patron_id  INTEGER NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX pin_reset_tokens_patron ON pin_reset_tokens (patron_id);

-- Requests for a reset link, by barcode as submitted and by client address, for the rate limits.
CREATE TABLE pin_reset_requests (
  id             INTEGER PRIMARY KEY,
  barcode        TEXT    NOT NULL,
  client_address TEXT    NOT NULL,
  at_ms          INTEGER NOT NULL
) STRICT;
CREATE INDEX pin_reset_requests_barcode ON pin_reset_requests (barcode, at_ms);
CREATE INDEX pin_reset_requests_address ON pin_reset_requests (client_address, at_ms);

-- When staff last lifted the block on a key (a barcode, or "staff:" and a username):
-- failures before it no longer count.
CREATE TABLE lockout_lifts (
  attempt_key TEXT    PRIMARY KEY,
  lifted_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Who did what to which patron, when, from where. Written by the portal, read by admins,
-- never edited from the web.
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at_ms          INTEGER NOT NULL,
  actor          TEXT    NOT NULL CHECK (actor IN ('staff', 'patron', 'system')),
  staff_id       INTEGER REFERENCES staff (id),
  patron_id      INTEGER REFERENCES patrons (id) ON DELETE SET NULL,
  action         TEXT    NOT NULL,
  client_address TEXT,
  detail         TEXT
) STRICT;
CREATE INDEX audit_log_patron ON audit_log (patron_id, id);
CREATE INDEX audit_log_staff ON audit_log (staff_id, id);
