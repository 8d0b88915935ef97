-- Deposits cannot fill the disk: each draft could hold a file of UPLOAD_MAX_MB, and nothing limited
-- how many drafts a patron made. Beside who may deposit, per patron type: how many drafts may be open
-- at once, and how many MB (MiB, as UPLOAD_MAX_MB) of deposit files, in any status, a patron may keep.
ALTER TABLE deposit_rules ADD COLUMN drafts_allowed INTEGER NOT NULL DEFAULT 5 CHECK (drafts_allowed >= 0);
ALTER TABLE deposit_rules ADD COLUMN storage_mb INTEGER NOT NULL DEFAULT 200 CHECK (storage_mb >= 0);

-- The mail that tells an author, 14 days ahead, that a draft left untouched since untouched_since
-- (its updated_at) will be deleted: claimed by one INSERT before it goes, so housekeeping on two
-- servers sends it once. A draft saved again is untouched since a later moment, and may be told again.
CREATE TABLE deposit_expiry_notices (
  deposit_id      INTEGER NOT NULL REFERENCES deposits (id) ON DELETE CASCADE,
  untouched_since INTEGER NOT NULL,
  sent_at         INTEGER NOT NULL,
  PRIMARY KEY (deposit_id, untouched_since)
) STRICT, WITHOUT ROWID;

-- Housekeeping looks for drafts by the time they were last changed.
CREATE INDEX deposits_draft_updated ON deposits (updated_at) WHERE status = 'draft';
