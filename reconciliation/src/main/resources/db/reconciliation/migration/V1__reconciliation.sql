-- Payment reconciliation: the provider's events as delivered (deduplicated), where the feed was read
-- up to, the mismatches found and each run's summary. Times are epoch milliseconds.

-- One row per provider event, whatever number of times it was delivered. An authorization's state is
-- its event with the highest sequence, so the order of arrival never matters.
CREATE TABLE recon_provider_events (
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
  received_at_ms    BIGINT       NOT NULL,
  PRIMARY KEY (event_id),
  KEY recon_provider_events_reference_ix (reference, sequence),
  KEY recon_provider_events_occurred_ix (occurred_at_ms)
) ENGINE = InnoDB;

-- The provider's cursor, moved in the transaction that stores the page it came with.
CREATE TABLE recon_feed_cursor (
  feed          VARCHAR(32)  NOT NULL,
  cursor_value  VARCHAR(128) NOT NULL,
  updated_at_ms BIGINT       NOT NULL,
  PRIMARY KEY (feed)
) ENGINE = InnoDB;

-- Mismatches are never deleted and never patched away: OPEN until the sides agree (AUTO_RESOLVED)
-- or an operator closes it with a note (RESOLVED_BY_OPERATOR). open_reference is the reference
-- while OPEN and NULL after, so at most one OPEN mismatch exists per leg. provider_* and internal_*
-- are each side's record at the latest comparison, NULL when that side had none.
CREATE TABLE recon_mismatches (
  mismatch_id                 BIGINT        NOT NULL AUTO_INCREMENT,
  reference                   VARCHAR(300)  NOT NULL,
  payment_id                  VARCHAR(300)  NOT NULL,
  leg_id                      VARCHAR(128)  NOT NULL,
  open_reference              VARCHAR(300)  NULL,
  mismatch_class              VARCHAR(32)   NOT NULL,
  state                       VARCHAR(32)   NOT NULL,
  provider_authorization_id   VARCHAR(64)   NULL,
  provider_state              VARCHAR(16)   NULL,
  provider_authorized         BIGINT        NULL,
  provider_captured           BIGINT        NULL,
  provider_refunded           BIGINT        NULL,
  provider_sequence           BIGINT        NULL,
  provider_event_at_ms        BIGINT        NULL,
  internal_state              VARCHAR(16)   NULL,
  internal_amount             BIGINT        NULL,
  internal_refunded           BIGINT        NULL,
  internal_authorization_id   VARCHAR(64)   NULL,
  internal_changed_at_ms      BIGINT        NULL,
  action                      VARCHAR(4000) NULL,
  resolution                  VARCHAR(1000) NULL,
  resolved_by                 VARCHAR(128)  NULL,
  detected_run                VARCHAR(200)  NOT NULL,
  last_run                    VARCHAR(200)  NOT NULL,
  detected_at_ms              BIGINT        NOT NULL,
  updated_at_ms               BIGINT        NOT NULL,
  resolved_at_ms              BIGINT        NULL,
  notified_at_ms              BIGINT        NULL,
  PRIMARY KEY (mismatch_id),
  UNIQUE KEY recon_mismatches_open_uk (open_reference),
  KEY recon_mismatches_state_ix (state, mismatch_id),
  KEY recon_mismatches_reference_ix (reference),
  CONSTRAINT recon_mismatches_state_ck
    CHECK (state IN ('OPEN', 'AUTO_RESOLVED', 'RESOLVED_BY_OPERATOR')),
  CONSTRAINT recon_mismatches_open_ck CHECK ((state = 'OPEN') = (open_reference IS NOT NULL))
) ENGINE = InnoDB;

-- One row per run, the summary as JSON: what it found and did.
CREATE TABLE recon_runs (
  run_id         VARCHAR(200) NOT NULL,
  trigger_name   VARCHAR(200) NOT NULL,
  started_at_ms  BIGINT       NOT NULL,
  finished_at_ms BIGINT       NOT NULL,
  summary        MEDIUMTEXT   NOT NULL,
  PRIMARY KEY (run_id),
  KEY recon_runs_started_ix (started_at_ms)
) ENGINE = InnoDB;
