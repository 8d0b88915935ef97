-- Circulation (issue 5): the catalogue, copies, loans, requests, fines, and the loan rules
-- per patron type, kept here rather than in code so a library can change them.

CREATE TABLE loan_rules (
  patron_type        TEXT    PRIMARY KEY CHECK (patron_type IN ('undergraduate', 'postgraduate', 'staff', 'alumni')),
  loan_days          INTEGER NOT NULL CHECK (loan_days > 0),
  renewals_allowed   INTEGER NOT NULL CHECK (renewals_allowed >= 0),
  requests_allowed   INTEGER NOT NULL CHECK (requests_allowed >= 0),
  -- Money in cents of a Hong Kong dollar.
  fine_per_day       INTEGER NOT NULL CHECK (fine_per_day >= 0),
  -- The most one overdue item is charged.
  fine_cap_per_item  INTEGER NOT NULL CHECK (fine_cap_per_item >= 0),
  -- Above this unpaid total, renewals and requests stop.
  fine_ceiling       INTEGER NOT NULL CHECK (fine_ceiling >= 0)
) STRICT;
INSERT INTO loan_rules VALUES
  ('undergraduate', 28, 3,  5, 100, 5000, 5000),
  ('postgraduate',  56, 5, 10, 100, 5000, 10000),
  ('staff',         90, 10, 20, 100, 5000, 20000),
  ('alumni',        21, 1,  2, 200, 5000, 5000);

CREATE TABLE pickup_locations (
  id        INTEGER PRIMARY KEY,
  code      TEXT    NOT NULL UNIQUE,
  name      TEXT    NOT NULL,
  -- How many days a copy waits on the hold shelf for the patron.
  hold_days INTEGER NOT NULL CHECK (hold_days > 0)
) STRICT;
INSERT INTO pickup_locations (code, name, hold_days) VALUES
  ('MAIN', 'Main Library, Circulation Counter, Podium Floor', 7),
  ('LAW', 'Law Library, Service Counter', 7),
  ('MED', 'Medical Library, Service Counter', 5);

CREATE TABLE records (
  id        INTEGER PRIMARY KEY,
  isbn      TEXT    NOT NULL UNIQUE,
  title     TEXT    NOT NULL,
  author    TEXT    NOT NULL,
  publisher TEXT,
  year      INTEGER,
  subjects  TEXT    NOT NULL DEFAULT ''
) STRICT;

-- Full-text search over title, author, subjects and ISBN, kept in step by triggers.
-- only on sqlite
CREATE VIRTUAL TABLE records_fts USING fts5(
  title, author, subjects, isbn, content = 'records', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER records_ai AFTER INSERT ON records BEGIN
  INSERT INTO records_fts (rowid, title, author, subjects, isbn) VALUES (new.id, new.title, new.author, new.subjects, new.isbn);
END;
CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
  INSERT INTO records_fts (records_fts, rowid, title, author, subjects, isbn) VALUES ('delete', old.id, old.title, old.author, old.subjects, old.isbn);
END;
CREATE TRIGGER records_au AFTER UPDATE ON records BEGIN
  INSERT INTO records_fts (records_fts, rowid, title, author, subjects, isbn) VALUES ('delete', old.id, old.title, old.author, old.subjects, old.isbn);
  INSERT INTO records_fts (rowid, title, author, subjects, isbn) VALUES (new.id, new.title, new.author, new.subjects, new.isbn);
END;
-- only on postgres
-- PostgreSQL's own full-text search: the four fields weighted A to D as bm25 weighs them above
-- (catalogue-repo.ts), words kept as written ('simple': no stemming, as FTS5's unicode61), and
-- accents ignored as FTS5's remove_diacritics does ("bronte" finds Brontë), through the unaccent
-- extension (trusted: the database's owner may create it). unaccent() is only STABLE, because its
-- dictionary could be changed; search_text fixes the dictionary, so a stored column may use it.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE FUNCTION search_text(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;
ALTER TABLE records ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple', search_text(title)), 'A') || setweight(to_tsvector('simple', search_text(author)), 'B') ||
  setweight(to_tsvector('simple', search_text(subjects)), 'C') || setweight(to_tsvector('simple', isbn), 'D')
) STORED;
CREATE INDEX records_search ON records USING gin (search);
-- on both

CREATE TABLE copies (
  id           INTEGER PRIMARY KEY,
  record_id    INTEGER NOT NULL REFERENCES records (id),
  item_barcode TEXT    NOT NULL UNIQUE,
  call_number  TEXT    NOT NULL,
  location     TEXT    NOT NULL,
  status       TEXT    NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'on_loan', 'on_hold', 'missing'))
) STRICT;
CREATE INDEX copies_record ON copies (record_id);

CREATE TABLE loans (
  id          INTEGER PRIMARY KEY,
  copy_id     INTEGER NOT NULL REFERENCES copies (id),
  patron_id   INTEGER NOT NULL REFERENCES patrons (id),
  loaned_at   INTEGER NOT NULL,
  due_date    TEXT    NOT NULL,
  renewals    INTEGER NOT NULL DEFAULT 0,
  returned_at INTEGER
) STRICT;
-- A copy is on one loan at a time: two counters checking it out at once cannot both succeed.
CREATE UNIQUE INDEX loans_active_copy ON loans (copy_id) WHERE returned_at IS NULL;
CREATE INDEX loans_patron ON loans (patron_id, returned_at);

CREATE TABLE requests (
  id                 INTEGER PRIMARY KEY,
  record_id          INTEGER NOT NULL REFERENCES records (id),
  patron_id          INTEGER NOT NULL REFERENCES patrons (id),
  pickup_location_id INTEGER NOT NULL REFERENCES pickup_locations (id),
  placed_at          INTEGER NOT NULL,
  status             TEXT    NOT NULL CHECK (status IN ('waiting', 'ready', 'collected', 'cancelled')),
  -- Set while a copy waits for the patron on the hold shelf.
  copy_id            INTEGER REFERENCES copies (id),
  ready_at           INTEGER,
  collect_by         TEXT
) STRICT;
-- One open request per title per patron.
CREATE UNIQUE INDEX requests_open_per_patron ON requests (record_id, patron_id) WHERE status IN ('waiting', 'ready');
CREATE INDEX requests_record_queue ON requests (record_id, status, placed_at);
CREATE INDEX requests_patron ON requests (patron_id, status);

CREATE TABLE fines (
  id         INTEGER PRIMARY KEY,
  patron_id  INTEGER NOT NULL REFERENCES patrons (id),
  loan_id    INTEGER REFERENCES loans (id),
  amount     INTEGER NOT NULL CHECK (amount > 0),
  reason     TEXT    NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX fines_patron ON fines (patron_id);

CREATE TABLE payments (
  id         INTEGER PRIMARY KEY,
  patron_id  INTEGER NOT NULL REFERENCES patrons (id),
  amount     INTEGER NOT NULL CHECK (amount > 0),
  staff_id   INTEGER REFERENCES staff (id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX payments_patron ON payments (patron_id);
