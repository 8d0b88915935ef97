-- Book Recommendation (issue 11, services.md): a patron asks the library to buy a book; others who
-- ask for the same book while it is open become its supporters; staff with the acquisitions role
-- take it through submitted → accepted → ordered → available, or reject it with a reason.

-- How many recommendations a patron of each type may have open at once, and how many he may make
-- in any window of `window_days` days. Kept here, beside loan_rules, so a library can change them.
CREATE TABLE recommendation_limits (
  patron_type    TEXT    PRIMARY KEY CHECK (patron_type IN ('undergraduate', 'postgraduate', 'staff', 'alumni')),
  open_allowed   INTEGER NOT NULL CHECK (open_allowed >= 0),
  window_allowed INTEGER NOT NULL CHECK (window_allowed >= 0),
  window_days    INTEGER NOT NULL CHECK (window_days > 0)
) STRICT;
INSERT INTO recommendation_limits VALUES
  ('undergraduate', 5, 10, 30),
  ('postgraduate', 10, 10, 30),
  ('staff', 10, 10, 30),
  ('alumni', 2, 10, 30);

CREATE TABLE recommendations (
  id            INTEGER PRIMARY KEY,
  -- The patron who made it (when he withdraws and others support it, the next supporter).
  patron_id     INTEGER NOT NULL REFERENCES patrons (id),
  -- Free text as typed (escaped on output).
  title         TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  author        TEXT    NOT NULL DEFAULT '' CHECK (length(author) <= 200),
  isbn13        TEXT    CHECK (isbn13 IS NULL OR length(isbn13) = 13),
  publisher     TEXT    NOT NULL DEFAULT '' CHECK (length(publisher) <= 200),
  year          INTEGER CHECK (year IS NULL OR year BETWEEN 1000 AND 9999),
  format        TEXT    NOT NULL CHECK (format IN ('print', 'ebook', 'either')),
  reason        TEXT    NOT NULL CHECK (reason IN ('course', 'research', 'general', 'other')),
  note          TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  status        TEXT    NOT NULL DEFAULT 'submitted'
                CHECK (status IN ('submitted', 'accepted', 'ordered', 'available', 'rejected', 'cancelled')),
  reject_reason TEXT    CHECK (reject_reason IS NULL OR reject_reason IN ('held', 'out_of_print', 'policy', 'price', 'other')),
  -- The catalogue record it became, once available.
  record_id     INTEGER REFERENCES records (id),
  created_at    INTEGER NOT NULL,
  -- The title and author normalised (src/domain/recommendation/match-key.ts): the same book typed
  -- differently has the same key. Null when the title has no letter or digit.
  match_key     TEXT
) STRICT;
CREATE INDEX recommendations_patron ON recommendations (patron_id, created_at);
CREATE INDEX recommendations_status ON recommendations (status, created_at);
-- One open recommendation per book, whoever makes it: a second patron becomes a supporter instead.
CREATE UNIQUE INDEX recommendations_open_isbn ON recommendations (isbn13)
  WHERE isbn13 IS NOT NULL AND status IN ('submitted', 'accepted', 'ordered');
CREATE UNIQUE INDEX recommendations_open_key ON recommendations (match_key)
  WHERE match_key IS NOT NULL AND status IN ('submitted', 'accepted', 'ordered');

-- Everyone who wants the book, the recommender first; each may ask for a request once it arrives.
CREATE TABLE recommendation_supporters (
  recommendation_id      INTEGER NOT NULL REFERENCES recommendations (id),
  patron_id              INTEGER NOT NULL REFERENCES patrons (id),
  at_ms                  INTEGER NOT NULL,
  request_when_available INTEGER NOT NULL DEFAULT 0 CHECK (request_when_available IN (0, 1)),
  pickup_location_id     INTEGER REFERENCES pickup_locations (id),
  PRIMARY KEY (recommendation_id, patron_id),
  CHECK (request_when_available = 0 OR pickup_location_id IS NOT NULL)
) STRICT;
CREATE INDEX recommendation_supporters_patron ON recommendation_supporters (patron_id);
