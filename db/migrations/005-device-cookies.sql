-- Browsers trusted for a key (OWASP "Slow Brute Force Protection using Device Cookies"): where a
-- patron or member of staff has logged in, the hard limit of failure_streaks does not stop him.
-- The browser keeps a signed cookie with a random device id; only its SHA-256 hash is kept here,
-- one row per key (barcode, or "staff:" and a username) the browser is trusted for.
--
-- Kept on the server rather than in the cookie alone: the failures in a row of each device must
-- be counted where a copy of the cookie taken earlier cannot rewind them, a device that spent its
-- budget must stay distrusted, and housekeeping deletes devices not seen for their lifetime.
CREATE TABLE trusted_devices (
  device_hash TEXT    NOT NULL,
  attempt_key TEXT    NOT NULL,
  -- Failed (or still undecided) attempts in a row from this browser on this key.
  failures    INTEGER NOT NULL DEFAULT 0,
  expires_at  INTEGER NOT NULL,
  PRIMARY KEY (device_hash, attempt_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX trusted_devices_expiry ON trusted_devices (expires_at);
-- A key keeps only its most recently used browsers (MAX_DEVICES_PER_KEY), so logging in again and
-- again without keeping the cookie cannot grow the table without bound.
CREATE INDEX trusted_devices_key ON trusted_devices (attempt_key, expires_at);
