-- Try/Confirm/Cancel per leg over BALANCE, POINTS and CARD, fenced, on a double-entry ledger.
--
-- Money moves only as journal entries whose lines sum to zero (credit positive, debit negative),
-- two-phase as in TigerBeetle: a Try writes a PENDING entry, its Confirm a POST entry and its
-- Cancel a VOID entry that point back at it (at most one each, by a unique key); entries are never
-- changed. V1 balances and legs are carried over as entries, so a V1 data directory keeps every
-- yen and every open authorization. Stop V1 payment instances first: they write tables dropped here.

-- A customer holds a BALANCE and a POINTS account (1 point = 1 JPY); the system holds the others.
-- The four totals are cached per customer account, updated in the transaction that writes the
-- entry and audited against the entries by CheckLedger; the check constraint is the last guard of
-- "available never negative". System accounts take part in every payment, so caching them would
-- make one hot row; their totals are summed from the lines when asked and stay zero here.
CREATE TABLE ledger_accounts (
  account_id      BIGINT       NOT NULL AUTO_INCREMENT,
  holder          VARCHAR(128) NOT NULL,
  kind            VARCHAR(32)  NOT NULL,
  debits_pending  BIGINT       NOT NULL DEFAULT 0,
  debits_posted   BIGINT       NOT NULL DEFAULT 0,
  credits_pending BIGINT       NOT NULL DEFAULT 0,
  credits_posted  BIGINT       NOT NULL DEFAULT 0,
  created_at      TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at      TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (account_id),
  UNIQUE KEY ledger_accounts_holder_kind_uk (holder, kind),
  CONSTRAINT ledger_accounts_kind_ck CHECK ((holder = '@system') = (kind IN
    ('MERCHANT_RECEIVABLE', 'CARD_CLEARING', 'OPENING_EQUITY', 'POINTS_FUNDING'))
    AND kind IN ('BALANCE', 'POINTS', 'MERCHANT_RECEIVABLE', 'CARD_CLEARING', 'OPENING_EQUITY',
                 'POINTS_FUNDING')),
  CONSTRAINT ledger_accounts_available_ck
    CHECK (holder = '@system' OR credits_posted - debits_posted - debits_pending >= 0)
) ENGINE=InnoDB;

INSERT INTO ledger_accounts (holder, kind) VALUES
  ('@system', 'MERCHANT_RECEIVABLE'),
  ('@system', 'CARD_CLEARING'),
  ('@system', 'OPENING_EQUITY'),
  ('@system', 'POINTS_FUNDING');

-- entry_ref names the business event ("pending:<paymentId>:<legId>", "opening:<holder>:<kind>"),
-- so writing an entry twice is impossible.
CREATE TABLE journal_entries (
  entry_id         BIGINT       NOT NULL AUTO_INCREMENT,
  entry_ref        VARCHAR(300) NOT NULL,
  kind             VARCHAR(16)  NOT NULL,
  pending_entry_id BIGINT       NULL,
  created_at       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (entry_id),
  UNIQUE KEY journal_entries_ref_uk (entry_ref),
  UNIQUE KEY journal_entries_resolves_uk (pending_entry_id),
  CONSTRAINT journal_entries_resolves_fk
    FOREIGN KEY (pending_entry_id) REFERENCES journal_entries (entry_id),
  CONSTRAINT journal_entries_kind_ck CHECK (kind IN ('OPENING', 'PENDING', 'POST', 'VOID')),
  CONSTRAINT journal_entries_resolves_ck
    CHECK ((kind IN ('POST', 'VOID')) = (pending_entry_id IS NOT NULL))
) ENGINE=InnoDB;

-- A VOID entry has no lines: the reservation it releases never moved money.
CREATE TABLE journal_lines (
  entry_id   BIGINT NOT NULL,
  line_no    INT    NOT NULL,
  account_id BIGINT NOT NULL,
  amount     BIGINT NOT NULL,
  PRIMARY KEY (entry_id, line_no),
  KEY journal_lines_account_ix (account_id),
  CONSTRAINT journal_lines_entry_fk FOREIGN KEY (entry_id) REFERENCES journal_entries (entry_id),
  CONSTRAINT journal_lines_account_fk
    FOREIGN KEY (account_id) REFERENCES ledger_accounts (account_id)
) ENGINE=InnoDB;

-- The Seata-style fence: one row per leg, written in the transaction of the leg's effect. TRIED ->
-- CONFIRMED or CANCELLED by compare-and-set; SUSPENDED is the barrier of a Cancel that came before
-- any Try. Rows are never deleted: a deleted barrier would let a Try delayed past it hang.
CREATE TABLE tcc_fence (
  payment_id VARCHAR(128) NOT NULL,
  leg_id     VARCHAR(128) NOT NULL,
  state      VARCHAR(16)  NOT NULL,
  created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (payment_id, leg_id),
  CONSTRAINT tcc_fence_state_ck CHECK (state IN ('TRIED', 'CONFIRMED', 'CANCELLED', 'SUSPENDED'))
) ENGINE=InnoDB;

-- Carry-over of V1. Each wallet opens with what it holds now plus what V1 captured from it, and
-- every V1 leg is replayed as the entries it would write today, so the wallet ends where V1 left it.
INSERT INTO ledger_accounts (holder, kind)
  SELECT customer_id, 'BALANCE' FROM accounts ORDER BY customer_id;

INSERT INTO journal_entries (entry_ref, kind)
  SELECT CONCAT('opening:', customer_id, ':BALANCE'), 'OPENING' FROM accounts ORDER BY customer_id;

INSERT INTO journal_lines (entry_id, line_no, account_id, amount)
  SELECT e.entry_id, 1, a.account_id,
         v.posted + COALESCE((SELECT SUM(l.amount) FROM payment_legs l
                              WHERE l.customer_id = v.customer_id AND l.state = 'CAPTURED'), 0)
  FROM accounts v
  JOIN ledger_accounts a ON a.holder = v.customer_id AND a.kind = 'BALANCE'
  JOIN journal_entries e ON e.entry_ref = CONCAT('opening:', v.customer_id, ':BALANCE');

INSERT INTO journal_entries (entry_ref, kind)
  SELECT CONCAT('pending:', payment_id, ':', leg_id), 'PENDING' FROM payment_legs
  WHERE customer_id IS NOT NULL ORDER BY created_at, payment_id, leg_id;

INSERT INTO journal_lines (entry_id, line_no, account_id, amount)
  SELECT e.entry_id, 1, a.account_id, -l.amount
  FROM payment_legs l
  JOIN ledger_accounts a ON a.holder = l.customer_id AND a.kind = 'BALANCE'
  JOIN journal_entries e ON e.entry_ref = CONCAT('pending:', l.payment_id, ':', l.leg_id);

INSERT INTO journal_entries (entry_ref, kind, pending_entry_id)
  SELECT CONCAT(IF(l.state = 'CAPTURED', 'post:', 'void:'), l.payment_id, ':', l.leg_id),
         IF(l.state = 'CAPTURED', 'POST', 'VOID'), e.entry_id
  FROM payment_legs l
  JOIN journal_entries e ON e.entry_ref = CONCAT('pending:', l.payment_id, ':', l.leg_id)
  WHERE l.state IN ('CAPTURED', 'VOIDED') ORDER BY e.entry_id;

-- Second lines: the opening's funding, the merchant's side of each leg; then postings copy their
-- pending entry's lines.
INSERT INTO journal_lines (entry_id, line_no, account_id, amount)
  SELECT l.entry_id, 2, s.account_id, -l.amount
  FROM journal_lines l
  JOIN journal_entries e ON e.entry_id = l.entry_id
  JOIN ledger_accounts s ON s.holder = '@system'
    AND s.kind = IF(e.kind = 'OPENING', 'OPENING_EQUITY', 'MERCHANT_RECEIVABLE')
  WHERE l.line_no = 1;

INSERT INTO journal_lines (entry_id, line_no, account_id, amount)
  SELECT p.entry_id, l.line_no, l.account_id, l.amount
  FROM journal_entries p
  JOIN journal_lines l ON l.entry_id = p.pending_entry_id
  WHERE p.kind = 'POST';

UPDATE ledger_accounts a SET
  debits_posted = COALESCE((SELECT -SUM(l.amount) FROM journal_lines l
      JOIN journal_entries e ON e.entry_id = l.entry_id
      WHERE l.account_id = a.account_id AND l.amount < 0 AND e.kind IN ('OPENING', 'POST')), 0),
  credits_posted = COALESCE((SELECT SUM(l.amount) FROM journal_lines l
      JOIN journal_entries e ON e.entry_id = l.entry_id
      WHERE l.account_id = a.account_id AND l.amount > 0 AND e.kind IN ('OPENING', 'POST')), 0),
  debits_pending = COALESCE((SELECT -SUM(l.amount) FROM journal_lines l
      JOIN journal_entries e ON e.entry_id = l.entry_id
      WHERE l.account_id = a.account_id AND l.amount < 0 AND e.kind = 'PENDING'
        AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.pending_entry_id = e.entry_id)), 0)
WHERE a.holder <> '@system';

INSERT INTO tcc_fence (payment_id, leg_id, state, created_at)
  SELECT payment_id, leg_id,
         CASE WHEN customer_id IS NULL THEN 'SUSPENDED'
              WHEN state = 'AUTHORIZED' THEN 'TRIED'
              WHEN state = 'CAPTURED' THEN 'CONFIRMED'
              ELSE 'CANCELLED' END,
         created_at
  FROM payment_legs;

-- payment_legs keeps what a Try recorded about a leg; its state now lives in the fence, and
-- barriers only there.
DELETE FROM payment_legs WHERE customer_id IS NULL;

ALTER TABLE payment_legs
  DROP FOREIGN KEY payment_legs_customer_fk,
  DROP CONSTRAINT payment_legs_state_ck,
  DROP CONSTRAINT payment_legs_amount_ck;

ALTER TABLE payment_legs
  ADD COLUMN account_id BIGINT NULL,
  ADD COLUMN pending_entry_id BIGINT NULL,
  ADD COLUMN psp_authorization_id VARCHAR(64) NULL;

UPDATE payment_legs l
  JOIN ledger_accounts a ON a.holder = l.customer_id AND a.kind = 'BALANCE'
  JOIN journal_entries e ON e.entry_ref = CONCAT('pending:', l.payment_id, ':', l.leg_id)
SET l.account_id = a.account_id, l.pending_entry_id = e.entry_id;

ALTER TABLE payment_legs
  DROP COLUMN state,
  MODIFY customer_id VARCHAR(128) NOT NULL,
  MODIFY source_type VARCHAR(16) NOT NULL,
  MODIFY account_id BIGINT NOT NULL,
  MODIFY pending_entry_id BIGINT NOT NULL,
  ADD UNIQUE KEY payment_legs_pending_entry_uk (pending_entry_id),
  ADD CONSTRAINT payment_legs_fence_fk
    FOREIGN KEY (payment_id, leg_id) REFERENCES tcc_fence (payment_id, leg_id),
  ADD CONSTRAINT payment_legs_account_fk
    FOREIGN KEY (account_id) REFERENCES ledger_accounts (account_id),
  ADD CONSTRAINT payment_legs_pending_entry_fk
    FOREIGN KEY (pending_entry_id) REFERENCES journal_entries (entry_id),
  ADD CONSTRAINT payment_legs_amount_ck CHECK (amount > 0),
  ADD CONSTRAINT payment_legs_source_ck CHECK (source_type IN ('BALANCE', 'POINTS', 'CARD'));

DROP TABLE accounts;
