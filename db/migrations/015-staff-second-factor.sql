-- Issue 14: staff sign in with a second factor (TOTP, RFC 6238) and recovery codes.

-- One authenticator per account. The secret is sealed with a key derived from APP_SECRET
-- (src/lib/secret-box.ts), never stored in the clear. confirmed_at is null while enrolment waits for
-- its first code; last_step is the last 30-second time step a code was accepted for, so that no code
-- is accepted twice (a code seen over a shoulder, or replayed from a phishing page, is refused).
CREATE TABLE staff_second_factors (
  staff_id      INTEGER PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
  secret_sealed TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  confirmed_at  INTEGER,
  last_step     INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Ten single-use codes per account, stored as SHA-256 of the normalised code (50 random bits each:
-- domain/second-factor/recovery-codes.ts). used_at is set by the one UPDATE that spends a code.
CREATE TABLE staff_recovery_codes (
  staff_id  INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  code_hash TEXT    NOT NULL,
  used_at   INTEGER,
  PRIMARY KEY (staff_id, code_hash)
) STRICT, WITHOUT ROWID;
