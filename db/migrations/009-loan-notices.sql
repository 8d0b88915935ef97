-- Mail that helps (issue 10): the due-date reminder and the overdue notice each loan is sent, one of
-- each per due date. A row is written (claimed) before the mail goes, in one statement that fails
-- for a second writer, so a restart or a second server process on this file never sends it twice;
-- a renewal gives the loan a new due date, for which a new reminder (and notice) is due.
CREATE TABLE loan_notices (
  loan_id  INTEGER NOT NULL REFERENCES loans (id) ON DELETE CASCADE,
  kind     TEXT    NOT NULL CHECK (kind IN ('reminder', 'overdue')),
  -- The due date the mail was about (YYYY-MM-DD, a library day).
  due_date TEXT    NOT NULL,
  sent_at  INTEGER NOT NULL,
  PRIMARY KEY (loan_id, kind, due_date)
) STRICT, WITHOUT ROWID;

-- Housekeeping looks for open loans by due date every ten minutes.
CREATE INDEX loans_open_due ON loans (due_date) WHERE returned_at IS NULL;
