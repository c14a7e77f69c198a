-- Why a PENDING order stopped (PendingInfo), and the recovery sweeps' record. Pending columns are
-- written only by the order workflow with the rest of the row (versioned), and are NULL whenever
-- the order is not PENDING, so "WHERE pending_step IS NOT NULL" and "status = 'PENDING'" agree.
ALTER TABLE orders
  ADD COLUMN pending_step             VARCHAR(32)   NULL,
  ADD COLUMN pending_reason           VARCHAR(64)   NULL,
  ADD COLUMN pending_message          VARCHAR(1024) NULL,
  ADD COLUMN pending_since            DATETIME(3)   NULL,
  ADD COLUMN pending_attempts         INT           NULL,
  ADD COLUMN pending_rollback_allowed BOOLEAN       NULL;

-- One row per recovery sweep, written once when it finishes (a retried write changes nothing).
-- TRIGGER is a reserved word in MySQL, hence triggered_by.
CREATE TABLE recovery_sweeps (
  sweep_id         VARCHAR(128) NOT NULL,
  triggered_by     VARCHAR(255) NOT NULL,
  started_at       DATETIME(3)  NOT NULL,
  finished_at      DATETIME(3)  NOT NULL,
  examined         INT          NOT NULL,
  retried          INT          NOT NULL,
  completed        INT          NOT NULL,
  rolled_back      INT          NOT NULL,
  waiting          INT          NOT NULL,
  reported         INT          NOT NULL,
  peak_concurrency INT          NOT NULL,
  -- JSON array of SweepItem, one per examined order; MEDIUMTEXT because a sweep of a full batch
  -- (hundreds of orders) outgrows TEXT's 64 KB.
  items            MEDIUMTEXT   NOT NULL,
  PRIMARY KEY (sweep_id),
  KEY recovery_sweeps_by_start (started_at, sweep_id)
) ENGINE = InnoDB;
