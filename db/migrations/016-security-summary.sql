-- Issue 14: the admins' security page reads these summaries, never the attempt rows themselves, so it
-- costs the same with 10 million attempts as with a thousand.

-- An optional address for alerts (staff add --email, the accounts page).
ALTER TABLE staff ADD COLUMN email TEXT;

-- Attempts per minute, kept as they happen (services/attempt-gate.ts, services/pin-reset-service.ts):
-- logins that succeeded, failed, or were refused unchecked (blocked, stopped, from a blocked address),
-- blocks that began, keys that reached the hard limit, and online PIN reset requests. A week is
-- 10,080 rows, read by primary key: the page's chart and table and the alert's window read only these.
CREATE TABLE attempt_minutes (
  minute_ms      INTEGER PRIMARY KEY,
  successes      INTEGER NOT NULL DEFAULT 0,
  failures       INTEGER NOT NULL DEFAULT 0,
  refused        INTEGER NOT NULL DEFAULT 0,
  blocks_started INTEGER NOT NULL DEFAULT 0,
  hard_limited   INTEGER NOT NULL DEFAULT 0,
  reset_requests INTEGER NOT NULL DEFAULT 0
) STRICT;

-- only on sqlite
-- What login_attempts already holds, summed once here (one pass over the table at upgrade); blocks
-- begun, hard limits and reset requests were never recorded as such and start at this upgrade.
INSERT INTO attempt_minutes (minute_ms, successes, failures, refused)
  SELECT at_ms - at_ms % 60000,
         SUM(outcome = 'success'),
         SUM(outcome = 'failure'),
         SUM(CASE WHEN outcome = 'blocked' THEN count ELSE 0 END)
  FROM login_attempts GROUP BY at_ms - at_ms % 60000;
-- on both

-- The same per hour, kept beside it (one more upsert per event), so that a day or a week is read
-- from 24 or 168 rows rather than summed from 10,080.
CREATE TABLE attempt_hours (
  hour_ms        INTEGER PRIMARY KEY,
  successes      INTEGER NOT NULL DEFAULT 0,
  failures       INTEGER NOT NULL DEFAULT 0,
  refused        INTEGER NOT NULL DEFAULT 0,
  blocks_started INTEGER NOT NULL DEFAULT 0,
  hard_limited   INTEGER NOT NULL DEFAULT 0,
  reset_requests INTEGER NOT NULL DEFAULT 0
) STRICT;
-- only on sqlite
INSERT INTO attempt_hours (hour_ms, successes, failures, refused)
  SELECT minute_ms - minute_ms % 3600000, SUM(successes), SUM(failures), SUM(refused) FROM attempt_minutes GROUP BY minute_ms - minute_ms % 3600000;
-- on both

-- The barcodes (or staff usernames: the attempt key) and the client addresses with the most
-- failures, per hour: at most 25 of each per hour, kept by the Space-Saving algorithm (Metwally,
-- Agrawal and El Abbadi, 2005), because a spraying attack tries a new barcode with every guess and
-- a row per key and hour would grow as fast as login_attempts. A key that fails more than 1/25 of an
-- hour's failures is always listed; a count may be over by at most the smallest count of its hour.
CREATE TABLE attempt_top_failures (
  hour_ms  INTEGER NOT NULL,
  kind     TEXT    NOT NULL CHECK (kind IN ('key', 'address')),
  value    TEXT    NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (hour_ms, kind, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX attempt_top_failures_least ON attempt_top_failures (hour_ms, kind, failures);

-- An attack as the alert sees it: failures across all keys in 10 minutes at ATTACK_ALERT_FAILURES or
-- more. At most one is open (ended_at null): the INSERT that opens it is the claim that sends its one
-- mail, so two processes watching at once mail once.
CREATE TABLE attack_incidents (
  id         INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  failures   INTEGER NOT NULL,
  ended_at   INTEGER
) STRICT;
CREATE UNIQUE INDEX attack_incidents_one_open ON attack_incidents ((ended_at IS NULL)) WHERE ended_at IS NULL;
