-- Fines as people expect (issue 10, item 9): how each payment was made, what it left owing, and
-- which fines it settled, oldest first.

-- Cash, Octopus or card, chosen at the counter. Payments recorded before this version stay NULL and
-- are shown as "not recorded": nobody knows how they were made, and guessing "cash" would put a
-- made-up fact on a receipt.
ALTER TABLE payments ADD COLUMN method TEXT CHECK (method IN ('cash', 'octopus', 'card'));
-- What the patron still owed right after this payment, for the receipt.
ALTER TABLE payments ADD COLUMN balance_after INTEGER CHECK (balance_after >= 0);

-- Which fines a payment settled, and how much of each: the oldest fine first.
CREATE TABLE payment_allocations (
  payment_id INTEGER NOT NULL REFERENCES payments (id),
  fine_id    INTEGER NOT NULL REFERENCES fines (id),
  amount     INTEGER NOT NULL CHECK (amount > 0),
  PRIMARY KEY (payment_id, fine_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX payment_allocations_fine ON payment_allocations (fine_id);

-- only on sqlite
-- Earlier payments are allocated as the counter now does it. Lay each patron's fines end to end,
-- oldest first, and the payments likewise: a payment settled the part of each fine that its own
-- stretch of money overlaps. (A payment never exceeded what was owed, so it overlaps only fines
-- charged before it.)
WITH
  f AS (SELECT id, patron_id, amount, SUM(amount) OVER (PARTITION BY patron_id ORDER BY created_at, id) AS upto FROM fines),
  p AS (SELECT id, patron_id, amount, SUM(amount) OVER (PARTITION BY patron_id ORDER BY created_at, id) AS upto FROM payments)
INSERT INTO payment_allocations (payment_id, fine_id, amount)
SELECT p.id, f.id, MIN(f.upto, p.upto) - MAX(f.upto - f.amount, p.upto - p.amount)
FROM p JOIN f ON f.patron_id = p.patron_id
WHERE MIN(f.upto, p.upto) > MAX(f.upto - f.amount, p.upto - p.amount);

UPDATE payments SET balance_after = MAX(0,
  (SELECT COALESCE(SUM(amount), 0) FROM fines WHERE fines.patron_id = payments.patron_id AND fines.created_at <= payments.created_at)
  - (SELECT SUM(amount) FROM payments AS earlier WHERE earlier.patron_id = payments.patron_id
       AND (earlier.created_at < payments.created_at OR (earlier.created_at = payments.created_at AND earlier.id <= payments.id))));
-- on both
