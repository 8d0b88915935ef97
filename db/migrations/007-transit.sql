-- Holds that travel (issue 10, item 7). A copy that comes free at one counter for a request
-- whose pickup location is another is sent there: the request is 'in_transit' (its copy set,
-- sent_at when it left) until the copy is checked in at the pickup location. Only then is it
-- 'ready', is the patron mailed, and do the days on the hold shelf (collect_by) count.
--
-- SQLite cannot change a CHECK constraint in place: the table is built again with the new
-- status and the rows copied over. No other table refers to requests, so dropping the old one
-- removes nothing else. Ids are kept.

CREATE TABLE requests_new (
  id                 INTEGER PRIMARY KEY,
  record_id          INTEGER NOT NULL REFERENCES records (id),
  patron_id          INTEGER NOT NULL REFERENCES patrons (id),
  pickup_location_id INTEGER NOT NULL REFERENCES pickup_locations (id),
  placed_at          INTEGER NOT NULL,
  status             TEXT    NOT NULL CHECK (status IN ('waiting', 'in_transit', 'ready', 'collected', 'cancelled')),
  -- Set while a copy travels to the pickup location for the patron, or waits there on the hold shelf.
  copy_id            INTEGER REFERENCES copies (id),
  -- When the copy was sent on its way to the pickup location (in transit).
  sent_at            INTEGER,
  ready_at           INTEGER,
  collect_by         TEXT
) STRICT;

INSERT INTO requests_new (id, record_id, patron_id, pickup_location_id, placed_at, status, copy_id, sent_at, ready_at, collect_by)
  SELECT id, record_id, patron_id, pickup_location_id, placed_at, status, copy_id, NULL, ready_at, collect_by FROM requests;

DROP TABLE requests;
ALTER TABLE requests_new RENAME TO requests;

-- One open request per title per patron: a request in transit is still open.
CREATE UNIQUE INDEX requests_open_per_patron ON requests (record_id, patron_id) WHERE status IN ('waiting', 'in_transit', 'ready');
CREATE INDEX requests_record_queue ON requests (record_id, status, placed_at);
CREATE INDEX requests_patron ON requests (patron_id, status);
-- The request a copy travels or waits for, read with every copy shown in the catalogue.
CREATE INDEX requests_copy ON requests (copy_id) WHERE copy_id IS NOT NULL;
