-- Wallet accounts, payment legs and idempotency records of the payment service.
-- Amounts are whole JPY.

-- posted: money the customer has; pending: part of it authorized and not yet captured or
-- voided. Authorizations can never spend more than is posted.
CREATE TABLE accounts (
  customer_id VARCHAR(128) NOT NULL,
  posted      BIGINT       NOT NULL,
  pending     BIGINT       NOT NULL DEFAULT 0,
  created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (customer_id),
  CONSTRAINT accounts_pending_ck CHECK (pending >= 0),
  CONSTRAINT accounts_available_ck CHECK (posted - pending >= 0)
) ENGINE=InnoDB;

-- One row per leg of a payment (one leg per funding source), each a Try/Confirm/Cancel state
-- machine: AUTHORIZED -> CAPTURED or VOIDED. A VOIDED leg with amount 0 and no customer is a
-- barrier left by a void that came before its authorize ("empty rollback"); a late authorize
-- finds it and is refused.
CREATE TABLE payment_legs (
  payment_id  VARCHAR(128) NOT NULL,
  leg_id      VARCHAR(128) NOT NULL,
  customer_id VARCHAR(128) NULL,
  source_type VARCHAR(16)  NULL,
  amount      BIGINT       NOT NULL,
  state       VARCHAR(16)  NOT NULL,
  created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (payment_id, leg_id),
  KEY payment_legs_customer_ix (customer_id),
  CONSTRAINT payment_legs_customer_fk FOREIGN KEY (customer_id) REFERENCES accounts (customer_id),
  CONSTRAINT payment_legs_amount_ck CHECK (amount >= 0),
  CONSTRAINT payment_legs_state_ck CHECK (state IN ('AUTHORIZED', 'CAPTURED', 'VOIDED'))
) ENGINE=InnoDB;

-- status_code 0 with the response bytes, or the gRPC code and description of a business
-- failure; -1 only while the first call's transaction is open, never committed.
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
