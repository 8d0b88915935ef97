-- Defences beyond the library's page (NIST SP 800-63B §5.2.2, OWASP ASVS).

-- Failed attempts in a row on a key (barcode, or "staff:" and a username) with no success
-- between: at the hard limit, login by that key stops until the PIN (or password) is reset.
-- Unknown barcodes are counted too, so the suspension reveals nothing about who exists.
CREATE TABLE failure_streaks (
  attempt_key TEXT    PRIMARY KEY,
  failures    INTEGER NOT NULL,
  last_at     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Failures per client address across barcodes (one common PIN sprayed over many barcodes).
-- Partial: the flood of blocked attempts and every success stay out of it.
CREATE INDEX login_attempts_address ON login_attempts (client_address, at_ms)
  WHERE outcome IN ('pending', 'failure');
