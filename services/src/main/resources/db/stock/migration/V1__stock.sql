-- Catalog, reservations and idempotency records of the stock service.
-- Quantities are BIGINT so that totals never overflow; prices are whole JPY.

CREATE TABLE products (
  sku        VARCHAR(64)  NOT NULL,
  name       VARCHAR(200) NOT NULL,
  unit_price BIGINT       NOT NULL,
  on_hand    BIGINT       NOT NULL,
  reserved   BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (sku),
  CONSTRAINT products_unit_price_ck CHECK (unit_price >= 0),
  -- The last line of defence against overselling: held units never exceed units on hand.
  CONSTRAINT products_reserved_ck CHECK (reserved >= 0 AND reserved <= on_hand)
) ENGINE=InnoDB;

-- One reservation per order. A RELEASED row without lines is a tombstone: the release came
-- first, and a late ReserveStock for the same id is refused.
CREATE TABLE reservations (
  reservation_id VARCHAR(128) NOT NULL,
  state          VARCHAR(16)  NOT NULL,
  created_at     TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at     TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (reservation_id),
  CONSTRAINT reservations_state_ck CHECK (state IN ('RESERVED', 'RELEASED', 'COMMITTED'))
) ENGINE=InnoDB;

CREATE TABLE reservation_lines (
  reservation_id VARCHAR(128) NOT NULL,
  sku            VARCHAR(64)  NOT NULL,
  quantity       INT          NOT NULL,
  unit_price     BIGINT       NOT NULL,
  PRIMARY KEY (reservation_id, sku),
  CONSTRAINT reservation_lines_reservation_fk FOREIGN KEY (reservation_id)
    REFERENCES reservations (reservation_id),
  CONSTRAINT reservation_lines_product_fk FOREIGN KEY (sku) REFERENCES products (sku),
  CONSTRAINT reservation_lines_quantity_ck CHECK (quantity >= 1)
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
