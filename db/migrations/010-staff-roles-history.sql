-- Issue 11: staff hold a set of roles (services.md "Common to all four"), and the services that
-- staff work through in queues share one history of statuses.

-- One row per role an account holds; `admin` stands for every role. Existing accounts keep theirs.
CREATE TABLE staff_roles (
  staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  role     TEXT    NOT NULL CHECK (role IN ('circulation', 'acquisitions', 'ill', 'repository', 'facilities', 'admin')),
  PRIMARY KEY (staff_id, role)
) STRICT, WITHOUT ROWID;
INSERT INTO staff_roles (staff_id, role) SELECT id, role FROM staff;
ALTER TABLE staff DROP COLUMN role;

-- Every status a patron's recommendation, interlibrary loan request (and later deposit) has had:
-- what it became, when, who did it (a member of staff, or the patron when staff_id is null) and
-- why, where a reason was given. The patron sees this list; staff see it beside the queue.
CREATE TABLE status_history (
  id         INTEGER PRIMARY KEY,
  subject    TEXT    NOT NULL CHECK (subject IN ('recommendation', 'ill', 'deposit')),
  subject_id INTEGER NOT NULL,
  status     TEXT    NOT NULL,
  at_ms      INTEGER NOT NULL,
  staff_id   INTEGER REFERENCES staff (id),
  -- A code from the service's list of reasons (held, out_of_print…), or null.
  reason     TEXT,
  -- Free text as typed by staff (shown escaped), or null.
  note       TEXT
) STRICT;
CREATE INDEX status_history_subject ON status_history (subject, subject_id, id);
