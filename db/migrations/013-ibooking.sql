-- iBooking (issue 12, services.md): rooms and computers booked by the slot. No slot is ever booked
-- twice: booked_slots holds one row per facility and slot start, under its primary key, inserted in
-- the same IMMEDIATE transaction that checks every other rule; a cancelled or released booking's
-- rows are deleted, so its slots are free again at once.

-- The numbers of the rules, beside loan_rules, so that a library changes them here and never in code.
CREATE TABLE booking_limits (
  patron_type     TEXT    PRIMARY KEY REFERENCES loan_rules (patron_type),
  slots_per_day   INTEGER NOT NULL CHECK (slots_per_day >= 0),
  -- A week is Monday to Sunday of the booking's date (Hong Kong time).
  slots_per_week  INTEGER NOT NULL CHECK (slots_per_week >= 0)
) STRICT;
INSERT INTO booking_limits VALUES
  ('undergraduate', 4, 12),
  ('postgraduate',  4, 16),
  ('staff',         4, 16),
  ('alumni',        4, 12);

-- One row: the rules every facility shares.
CREATE TABLE booking_rules (
  id                     INTEGER PRIMARY KEY CHECK (id = 1),
  -- The day view and bookings reach this many days past today.
  days_ahead             INTEGER NOT NULL CHECK (days_ahead BETWEEN 0 AND 60),
  -- Check-in opens this many minutes before the start, and closes this many after it: then the
  -- rest of the booking is released at housekeeping and it counts as a no-show.
  check_in_before_min    INTEGER NOT NULL CHECK (check_in_before_min BETWEEN 0 AND 120),
  no_show_after_min      INTEGER NOT NULL CHECK (no_show_after_min BETWEEN 1 AND 120),
  -- This many no-shows within this many days stop the patron booking for suspension_days.
  no_show_limit          INTEGER NOT NULL CHECK (no_show_limit >= 1),
  no_show_window_days    INTEGER NOT NULL CHECK (no_show_window_days >= 1),
  suspension_days        INTEGER NOT NULL CHECK (suspension_days >= 0)
) STRICT;
INSERT INTO booking_rules VALUES (1, 7, 5, 10, 3, 30, 14);

CREATE TABLE facilities (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  kind         TEXT    NOT NULL CHECK (kind IN ('group_room', 'single_room', 'computer')),
  location     TEXT    NOT NULL DEFAULT '' CHECK (length(location) <= 100),
  capacity_min INTEGER NOT NULL CHECK (capacity_min >= 1),
  capacity_max INTEGER NOT NULL CHECK (capacity_max >= capacity_min),
  slot_minutes INTEGER NOT NULL CHECK (slot_minutes IN (30, 60)),
  -- Patron types that may book it, as a comma-separated list of loan_rules' types.
  patron_types TEXT    NOT NULL DEFAULT 'undergraduate,postgraduate,staff',
  created_at   INTEGER NOT NULL
) STRICT;

-- Opening hours, one row per weekday it opens (1 Monday … 7 Sunday), as minutes after midnight in
-- Hong Kong. A weekday without a row is closed.
CREATE TABLE facility_hours (
  facility_id INTEGER NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
  weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens_min   INTEGER NOT NULL CHECK (opens_min BETWEEN 0 AND 1439),
  closes_min  INTEGER NOT NULL CHECK (closes_min BETWEEN 1 AND 1440 AND closes_min > opens_min),
  PRIMARY KEY (facility_id, weekday)
) STRICT, WITHOUT ROWID;

-- Maintenance, exams: no booking inside [starts_at, ends_at). A null facility_id closes every facility.
CREATE TABLE facility_blackouts (
  id          INTEGER PRIMARY KEY,
  facility_id INTEGER REFERENCES facilities (id) ON DELETE CASCADE,
  starts_at   INTEGER NOT NULL,
  ends_at     INTEGER NOT NULL CHECK (ends_at > starts_at),
  reason      TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  staff_id    INTEGER REFERENCES staff (id),
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX facility_blackouts_time ON facility_blackouts (ends_at, starts_at);

CREATE TABLE bookings (
  id              INTEGER PRIMARY KEY,
  patron_id       INTEGER NOT NULL REFERENCES patrons (id),
  facility_id     INTEGER NOT NULL REFERENCES facilities (id),
  -- The Hong Kong date of the booking (YYYY-MM-DD), and its start and end as moments (ms).
  date            TEXT    NOT NULL,
  starts_at       INTEGER NOT NULL,
  ends_at         INTEGER NOT NULL CHECK (ends_at > starts_at),
  slots           INTEGER NOT NULL CHECK (slots >= 1),
  status          TEXT    NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
  status_at       INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  checked_in_at   INTEGER,
  cancel_reason   TEXT    CHECK (cancel_reason IS NULL OR length(cancel_reason) <= 200)
) STRICT;
CREATE INDEX bookings_patron ON bookings (patron_id, starts_at);
CREATE INDEX bookings_day ON bookings (date, facility_id);
-- Housekeeping finds the bookings not checked in whose start has passed.
CREATE INDEX bookings_waiting ON bookings (starts_at) WHERE status = 'booked';

-- The other members of a group room's booking (the booker is the booking's patron).
CREATE TABLE booking_members (
  booking_id INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  patron_id  INTEGER NOT NULL REFERENCES patrons (id),
  PRIMARY KEY (booking_id, patron_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX booking_members_patron ON booking_members (patron_id);

-- The one guarantee: a slot of a facility belongs to at most one live booking.
CREATE TABLE booked_slots (
  facility_id INTEGER NOT NULL REFERENCES facilities (id),
  slot_start  INTEGER NOT NULL,
  booking_id  INTEGER NOT NULL REFERENCES bookings (id),
  PRIMARY KEY (facility_id, slot_start)
) STRICT, WITHOUT ROWID;
CREATE INDEX booked_slots_booking ON booked_slots (booking_id);
-- The day view reads one day's slots of every facility at once.
CREATE INDEX booked_slots_start ON booked_slots (slot_start);

-- The shared history of statuses takes bookings too: its CHECK is rebuilt with 'booking' added.
CREATE TABLE status_history_new (
  id         INTEGER PRIMARY KEY,
  subject    TEXT    NOT NULL CHECK (subject IN ('recommendation', 'ill', 'deposit', 'booking')),
  subject_id INTEGER NOT NULL,
  status     TEXT    NOT NULL,
  at_ms      INTEGER NOT NULL,
  staff_id   INTEGER REFERENCES staff (id),
  reason     TEXT,
  note       TEXT
) STRICT;
INSERT INTO status_history_new (id, subject, subject_id, status, at_ms, staff_id, reason, note)
  SELECT id, subject, subject_id, status, at_ms, staff_id, reason, note FROM status_history;
DROP TABLE status_history;
ALTER TABLE status_history_new RENAME TO status_history;
CREATE INDEX status_history_subject ON status_history (subject, subject_id, id);
