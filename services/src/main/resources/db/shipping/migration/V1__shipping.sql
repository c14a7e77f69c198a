-- Shipments and idempotency records of the shipping service.

-- One shipment per order. A CANCELLED row without an address is a tombstone: the cancel came
-- first, and a late CreateShipment for the same id is refused.
CREATE TABLE shipments (
  shipment_id     VARCHAR(128) NOT NULL,
  state           VARCHAR(16)  NOT NULL,
  tracking_number VARCHAR(32)  NULL,
  recipient_name  VARCHAR(100) NULL,
  postal_code     VARCHAR(16)  NULL,
  region          VARCHAR(100) NULL,
  line1           VARCHAR(200) NULL,
  line2           VARCHAR(200) NULL,
  country         CHAR(2)      NULL,
  created_at      TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at      TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (shipment_id),
  CONSTRAINT shipments_tracking_number_uk UNIQUE (tracking_number),
  CONSTRAINT shipments_state_ck
    CHECK (state IN ('CREATED', 'CANCELLED', 'DISPATCHED', 'DELIVERED'))
) ENGINE=InnoDB;

CREATE TABLE shipment_lines (
  shipment_id VARCHAR(128) NOT NULL,
  line_no     INT          NOT NULL,
  sku         VARCHAR(64)  NOT NULL,
  quantity    INT          NOT NULL,
  PRIMARY KEY (shipment_id, line_no),
  CONSTRAINT shipment_lines_shipment_fk FOREIGN KEY (shipment_id) REFERENCES shipments (shipment_id),
  CONSTRAINT shipment_lines_quantity_ck CHECK (quantity >= 1)
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
