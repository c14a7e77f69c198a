-- Units of a sold line put back on hand by refunds (RestockLines), cumulative per line. Kept on the
-- line itself, so the bound "never more than was sold" is one check under the reservation's lock,
-- and the constraint is its last line of defence.
ALTER TABLE reservation_lines
  ADD COLUMN restocked INT NOT NULL DEFAULT 0,
  ADD CONSTRAINT reservation_lines_restocked_ck CHECK (restocked >= 0 AND restocked <= quantity);
