-- Kiosk links: a facility's check-in screen in a public place is reached by a link with a random
-- token in it, not by a staff session. Only the token's SHA-256 is kept, so the table never holds
-- a usable link; one row per facility, so making a new link replaces (retires) the old one.
CREATE TABLE kiosk_links (
  id          INTEGER PRIMARY KEY,
  facility_id INTEGER NOT NULL UNIQUE REFERENCES facilities (id) ON DELETE CASCADE,
  token_hash  TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  -- Who made it, for the audit trail beside the audit log's line.
  staff_id    INTEGER REFERENCES staff (id),
  created_at  INTEGER NOT NULL
) STRICT;
