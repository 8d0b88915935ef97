-- Interlibrary Loan Request (issue 11, services.md): what a patron asks another library for, a
-- book to borrow or a copy of an article or chapter, and the limits of each patron type.

-- Beside loan_rules, so that a library changes its limits here and never in code.
CREATE TABLE ill_limits (
  patron_type    TEXT    PRIMARY KEY REFERENCES loan_rules (patron_type),
  books_allowed  INTEGER NOT NULL CHECK (books_allowed IN (0, 1)),
  copies_allowed INTEGER NOT NULL CHECK (copies_allowed IN (0, 1)),
  -- Requests open at any one time: submitted, sent, or received and not yet returned.
  open_allowed   INTEGER NOT NULL CHECK (open_allowed >= 0),
  -- A delivered copy may be downloaded this many times, within this many days of its delivery;
  -- then its file is deleted.
  copy_downloads INTEGER NOT NULL CHECK (copy_downloads >= 1),
  copy_days      INTEGER NOT NULL CHECK (copy_days >= 1)
) STRICT;
INSERT INTO ill_limits VALUES
  ('undergraduate', 0, 1, 15, 5, 30),
  ('postgraduate',  1, 1, 30, 5, 30),
  ('staff',         1, 1, 30, 5, 30),
  ('alumni',        0, 0, 0,  5, 30);

CREATE TABLE ill_requests (
  id                INTEGER PRIMARY KEY,
  patron_id         INTEGER NOT NULL REFERENCES patrons (id),
  kind              TEXT    NOT NULL CHECK (kind IN ('book', 'article')),
  -- A book's title, or the journal or book an article or chapter is in.
  title             TEXT    NOT NULL,
  -- The article or chapter (article only).
  article_title     TEXT,
  author            TEXT    NOT NULL DEFAULT '',
  publisher         TEXT    NOT NULL DEFAULT '',
  edition           TEXT    NOT NULL DEFAULT '',
  -- ISBN-13 as the catalogue keeps it (book only), or null.
  isbn              TEXT,
  volume            TEXT    NOT NULL DEFAULT '',
  issue             TEXT    NOT NULL DEFAULT '',
  pages             TEXT    NOT NULL DEFAULT '',
  -- An ISSN (NNNN-NNNC) or a DOI (10.…), as normalised (article only), or null.
  issn_doi          TEXT,
  year              INTEGER,
  -- Required for a book; an article copy may leave it empty.
  not_needed_after  TEXT,
  note              TEXT    NOT NULL DEFAULT '',
  -- When the patron made the copyright declaration (article only).
  declared_at       INTEGER,
  created_at        INTEGER NOT NULL,
  status            TEXT    NOT NULL DEFAULT 'submitted'
    CHECK (status IN ('submitted', 'sent', 'received', 'on_loan', 'returned', 'delivered', 'unfilled', 'cancelled')),
  status_at         INTEGER NOT NULL,
  lender            TEXT,
  -- The lending library's due date for a book (YYYY-MM-DD).
  due_date          TEXT,
  unfilled_reason   TEXT,
  -- The delivered copy: its random file name in UPLOAD_DIR, size, SHA-256, when, and how often fetched.
  file_name         TEXT UNIQUE,
  file_size         INTEGER,
  file_sha256       TEXT,
  delivered_at      INTEGER,
  downloads         INTEGER NOT NULL DEFAULT 0,
  -- Set when the file was deleted (5 downloads, or 30 days after delivery).
  file_deleted_at   INTEGER,
  CHECK ((kind = 'article') = (article_title IS NOT NULL)),
  CHECK (kind = 'article' OR declared_at IS NULL)
) STRICT;
CREATE INDEX ill_requests_patron ON ill_requests (patron_id, id);
CREATE INDEX ill_requests_status ON ill_requests (status, id);
-- Housekeeping finds copies still on disk past their 30 days.
CREATE INDEX ill_requests_files ON ill_requests (delivered_at) WHERE file_name IS NOT NULL AND file_deleted_at IS NULL;
