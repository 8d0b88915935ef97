-- Institutional Research Archive Online Submission (issue 13, services.md): what researchers
-- deposit in the library's open-access archive, and who may. (013 is iBooking's, built apart:
-- the runner applies whichever numbers a database has not had, in order.)

-- Beside loan_rules, so that a library changes who may deposit here and never in code.
CREATE TABLE deposit_rules (
  patron_type TEXT    PRIMARY KEY REFERENCES loan_rules (patron_type),
  may_deposit INTEGER NOT NULL CHECK (may_deposit IN (0, 1)),
  -- The latest embargo end a deposit may give, in years from the day it is saved.
  embargo_max_years INTEGER NOT NULL CHECK (embargo_max_years BETWEEN 0 AND 100)
) STRICT;
INSERT INTO deposit_rules VALUES ('undergraduate', 0, 3), ('postgraduate', 1, 3), ('staff', 1, 3), ('alumni', 0, 3);

CREATE TABLE deposits (
  id               INTEGER PRIMARY KEY,
  patron_id        INTEGER NOT NULL REFERENCES patrons (id),
  -- A draft may leave any of these empty; submitting needs the required ones (deposit-form.ts).
  title            TEXT    NOT NULL DEFAULT '',
  type             TEXT    CHECK (type IN ('article', 'conference', 'thesis', 'chapter', 'other')),
  year             INTEGER,
  venue            TEXT    NOT NULL DEFAULT '',
  -- 10.…, without doi: or https://doi.org/ before it, or null.
  doi              TEXT,
  abstract         TEXT    NOT NULL DEFAULT '' CHECK (length(abstract) <= 5000),
  keywords         TEXT    NOT NULL DEFAULT '',
  version          TEXT    CHECK (version IN ('accepted', 'published')),
  licence          TEXT    CHECK (licence IN ('cc-by', 'cc-by-nc', 'arr')),
  -- The first day the file is open to all (YYYY-MM-DD), or null for no embargo.
  embargo_until    TEXT,
  -- The PDF: its random name in UPLOAD_DIR, size and SHA-256, and when it came.
  file_name        TEXT    UNIQUE,
  file_size        INTEGER,
  file_sha256      TEXT,
  file_at          INTEGER,
  status           TEXT    NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'under_review', 'returned', 'published', 'withdrawn')),
  status_at        INTEGER NOT NULL,
  -- The member of staff who claimed it (under review), kept after the decision.
  reviewer_id      INTEGER REFERENCES staff (id),
  -- When the author last ticked the deposit agreement (at each submission).
  agreed_at        INTEGER,
  published_at     INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  CHECK ((file_name IS NULL) = (file_size IS NULL) AND (file_name IS NULL) = (file_sha256 IS NULL)),
  CHECK (status IN ('draft', 'returned') OR agreed_at IS NOT NULL),
  CHECK (status NOT IN ('published', 'withdrawn') OR published_at IS NOT NULL)
) STRICT;
CREATE INDEX deposits_patron ON deposits (patron_id, id);
CREATE INDEX deposits_status ON deposits (status, id);
-- The public list: published deposits, newest first.
CREATE INDEX deposits_published ON deposits (published_at, id) WHERE status = 'published';

-- Each deposit's authors, in the order they are cited; an ORCID iD stored bare (0000-0002-1825-0097).
CREATE TABLE deposit_authors (
  deposit_id INTEGER NOT NULL REFERENCES deposits (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position >= 1),
  name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  orcid      TEXT    CHECK (orcid GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9X]'),
  PRIMARY KEY (deposit_id, position)
) STRICT, WITHOUT ROWID;
