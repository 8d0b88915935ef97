-- Group-room members are invited, not conscripted: each member of a booking has a state. Until he
-- accepts, the booker sees only the last 4 characters of his barcode, and the invitation neither
-- holds him to "one facility at a time" nor shows as his booking; declining (or leaving after
-- accepting) keeps the row, so that the booker and staff see who said no.
-- The table is rebuilt for its CHECK and its default: a member added without a state is only
-- invited, while the members of bookings made before invitations existed were booked in as
-- members already and stay so (accepted).
CREATE TABLE booking_members_new (
  booking_id  INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  patron_id   INTEGER NOT NULL REFERENCES patrons (id),
  state       TEXT    NOT NULL DEFAULT 'invited' CHECK (state IN ('invited', 'accepted', 'declined')),
  -- When he accepted or declined (ms); null while the invitation waits for an answer.
  answered_at INTEGER,
  PRIMARY KEY (booking_id, patron_id)
) STRICT, WITHOUT ROWID;
INSERT INTO booking_members_new (booking_id, patron_id, state) SELECT booking_id, patron_id, 'accepted' FROM booking_members;
DROP TABLE booking_members;
ALTER TABLE booking_members_new RENAME TO booking_members;
CREATE INDEX booking_members_patron ON booking_members (patron_id, state);
