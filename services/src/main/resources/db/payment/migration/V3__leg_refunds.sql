-- Refunds of captured legs. A refund is one posted REFUND entry, with no pending phase: it
-- reverses part of the leg's posting, from the merchant's receivable back to the account the leg
-- debited (the customer's balance or points, or card clearing once the provider has refunded the
-- card). Its lines sum to zero like every entry's.
ALTER TABLE journal_entries
  DROP CONSTRAINT journal_entries_kind_ck,
  ADD CONSTRAINT journal_entries_kind_ck
    CHECK (kind IN ('OPENING', 'PENDING', 'POST', 'VOID', 'REFUND'));

-- What the leg has refunded so far, cached on the leg and raised under its fence lock in the
-- transaction that writes the refund; the constraint is the last guard of "never more than was
-- captured", and CheckLedger holds the cache against the refunds below.
ALTER TABLE payment_legs
  ADD COLUMN refunded_amount BIGINT NOT NULL DEFAULT 0,
  ADD CONSTRAINT payment_legs_refunded_ck CHECK (refunded_amount BETWEEN 0 AND amount);

-- One row per refund, naming the key it was made under (one refund per key) and its entry.
CREATE TABLE leg_refunds (
  refund_id       BIGINT       NOT NULL AUTO_INCREMENT,
  payment_id      VARCHAR(128) NOT NULL,
  leg_id          VARCHAR(128) NOT NULL,
  idempotency_key VARCHAR(128) NOT NULL,
  amount          BIGINT       NOT NULL,
  entry_id        BIGINT       NOT NULL,
  created_at      TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (refund_id),
  UNIQUE KEY leg_refunds_key_uk (idempotency_key),
  UNIQUE KEY leg_refunds_entry_uk (entry_id),
  KEY leg_refunds_leg_ix (payment_id, leg_id),
  CONSTRAINT leg_refunds_leg_fk
    FOREIGN KEY (payment_id, leg_id) REFERENCES payment_legs (payment_id, leg_id),
  CONSTRAINT leg_refunds_entry_fk FOREIGN KEY (entry_id) REFERENCES journal_entries (entry_id),
  CONSTRAINT leg_refunds_amount_ck CHECK (amount > 0)
) ENGINE=InnoDB;
