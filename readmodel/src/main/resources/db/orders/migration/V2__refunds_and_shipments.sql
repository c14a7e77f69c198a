-- Shipment state and refunded amount of an order, and the order's refunds. Written only by the
-- order workflow (through local activities): orders by version, refunds by status, so neither
-- goes back in time when writes are retried or arrive late.
ALTER TABLE orders
  ADD COLUMN shipment_state  VARCHAR(16) NOT NULL DEFAULT 'NONE',
  ADD COLUMN refunded_amount BIGINT      NOT NULL DEFAULT 0;

-- Orders written before: a tracking number means the parcel was registered, and a rollback
-- (REJECTED or CANCELLED) cancelled it.
UPDATE orders
   SET shipment_state = CASE WHEN status IN ('REJECTED', 'CANCELLED') THEN 'CANCELLED' ELSE 'CREATED' END
 WHERE tracking_number IS NOT NULL;

CREATE TABLE refunds (
  order_id           VARCHAR(64)  NOT NULL,
  refund_id          VARCHAR(128) NOT NULL,
  status             VARCHAR(16)  NOT NULL,
  -- The status's place in its lifecycle (REQUESTED 0, COMPLETED 1): a write never lowers it.
  status_rank        INT          NOT NULL,
  amount             BIGINT       NOT NULL,
  -- JSON arrays: [{"sku", "quantity"}] and [{"legId", "type", "amount"}], in refund order.
  refund_lines       TEXT         NOT NULL,
  leg_refunds        TEXT         NOT NULL,
  reason             TEXT         NULL,
  shipment_cancelled BOOLEAN      NOT NULL,
  requested_at       DATETIME(3)  NOT NULL,
  completed_at       DATETIME(3)  NULL,
  PRIMARY KEY (order_id, refund_id),
  KEY refunds_by_order (order_id, requested_at, refund_id)
) ENGINE = InnoDB;
