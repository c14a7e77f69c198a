-- The simulated payment provider: card authorizations and idempotency records. Amounts are JPY.

-- One row per reference (our "<paymentId>:<legId>"), so a void by reference is well defined: it
-- voids the authorization of that reference, or leaves a VOIDED barrier row (amount 0, no card)
-- that refuses a later authorization of the reference. EXPIRED is never stored: an AUTHORIZED row
-- whose expires_at_ms has passed reads as EXPIRED, so expiry needs no background job and a moved
-- clock in tests takes effect at once. seq orders the listing, newest first.
CREATE TABLE authorizations (
  seq              BIGINT       NOT NULL AUTO_INCREMENT,
  authorization_id VARCHAR(64)  NOT NULL,
  reference        VARCHAR(300) NOT NULL,
  card_token       VARCHAR(128) NOT NULL,
  amount           BIGINT       NOT NULL,
  captured_amount  BIGINT       NOT NULL DEFAULT 0,
  refunded_amount  BIGINT       NOT NULL DEFAULT 0,
  state            VARCHAR(16)  NOT NULL,
  expires_at_ms    BIGINT       NOT NULL,
  created_at       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (seq),
  UNIQUE KEY authorizations_id_uk (authorization_id),
  UNIQUE KEY authorizations_reference_uk (reference),
  CONSTRAINT authorizations_state_ck CHECK (state IN ('AUTHORIZED', 'CAPTURED', 'VOIDED')),
  CONSTRAINT authorizations_amounts_ck
    CHECK (amount >= 0 AND captured_amount BETWEEN 0 AND amount
           AND refunded_amount BETWEEN 0 AND captured_amount)
) ENGINE=InnoDB;

-- Same shape as in every reference service; see IdempotentExecutor.
CREATE TABLE idempotency_keys (
  idempotency_key    VARCHAR(128)  NOT NULL,
  operation          VARCHAR(128)  NOT NULL,
  request_hash       BINARY(32)    NOT NULL,
  status_code        INT           NOT NULL,
  status_description VARCHAR(1000) NULL,
  response           BLOB          NULL,
  created_at         TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (idempotency_key)
) ENGINE=InnoDB;
