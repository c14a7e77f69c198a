-- The provider's event feed: one row per state change of an authorization, written in the
-- transaction of the change, so no change goes unpublished and no event tells of a change that
-- rolled back. position orders the feed; sequence orders one authorization's events.
CREATE TABLE events (
  position          BIGINT       NOT NULL AUTO_INCREMENT,
  event_id          VARCHAR(64)  NOT NULL,
  authorization_id  VARCHAR(64)  NOT NULL,
  reference         VARCHAR(300) NOT NULL,
  sequence          BIGINT       NOT NULL,
  type              VARCHAR(16)  NOT NULL,
  amount            BIGINT       NOT NULL,
  state             VARCHAR(16)  NOT NULL,
  authorized_amount BIGINT       NOT NULL,
  captured_amount   BIGINT       NOT NULL,
  refunded_amount   BIGINT       NOT NULL,
  occurred_at_ms    BIGINT       NOT NULL,
  created_at        TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (position),
  UNIQUE KEY events_event_id_uk (event_id),
  UNIQUE KEY events_sequence_uk (authorization_id, sequence),
  CONSTRAINT events_type_ck
    CHECK (type IN ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'EXPIRED'))
) ENGINE=InnoDB;

-- Expiry is derived from the clock and never stored as a state; its event is published once, the
-- first time the feed is read after the expiry, and this flag says it was.
ALTER TABLE authorizations ADD COLUMN expiry_published BOOLEAN NOT NULL DEFAULT FALSE;

-- Authorizations from before the feed get one event telling where they stand now, so the feed
-- covers every authorization.
INSERT INTO events (event_id, authorization_id, reference, sequence, type, amount, state,
                    authorized_amount, captured_amount, refunded_amount, occurred_at_ms)
  SELECT CONCAT('evt_backfill_', authorization_id), authorization_id, reference, 1,
         IF(refunded_amount > 0, 'REFUNDED', state),
         CASE WHEN refunded_amount > 0 THEN refunded_amount
              WHEN state = 'CAPTURED' THEN captured_amount
              WHEN state = 'AUTHORIZED' THEN amount
              ELSE 0 END,
         state, amount, captured_amount, refunded_amount,
         ROUND(UNIX_TIMESTAMP(updated_at) * 1000)
  FROM authorizations ORDER BY seq;
