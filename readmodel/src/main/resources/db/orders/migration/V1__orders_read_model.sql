-- The order read model: what shops list and operators search. Written only by the order workflow
-- (through a local activity) with versioned writes, so it never goes back in time.
CREATE TABLE orders (
  order_id        VARCHAR(64)  NOT NULL,
  shop_id         VARCHAR(64)  NOT NULL,
  customer_id     VARCHAR(64)  NOT NULL,
  status          VARCHAR(32)  NOT NULL,
  step            VARCHAR(32)  NOT NULL,
  steps_done      VARCHAR(255) NOT NULL,
  total           BIGINT       NOT NULL,
  reason          VARCHAR(64)  NULL,
  reason_detail   VARCHAR(1024) NULL,
  tracking_number VARCHAR(64)  NULL,
  legs            TEXT         NOT NULL,
  version         BIGINT       NOT NULL,
  created_at      DATETIME(3)  NOT NULL,
  updated_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (order_id),
  KEY orders_by_shop (shop_id, created_at, order_id),
  KEY orders_by_customer (customer_id, created_at, order_id),
  KEY orders_by_status (status, updated_at)
) ENGINE = InnoDB;

CREATE TABLE order_lines (
  order_id   VARCHAR(64) NOT NULL,
  line_no    INT         NOT NULL,
  sku        VARCHAR(64) NOT NULL,
  quantity   INT         NOT NULL,
  unit_price BIGINT      NOT NULL,
  PRIMARY KEY (order_id, line_no)
) ENGINE = InnoDB;

-- REST Idempotency-Key of POST /orders: the first request's fingerprint and the order it created.
CREATE TABLE rest_idempotency_keys (
  shop_id         VARCHAR(64)  NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  request_hash    CHAR(64)     NOT NULL,
  order_id        VARCHAR(64)  NOT NULL,
  created_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (shop_id, idempotency_key)
) ENGINE = InnoDB;
