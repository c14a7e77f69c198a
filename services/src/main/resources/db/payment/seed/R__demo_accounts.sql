-- Demo wallets for the local stack and the tests. INSERT IGNORE: a re-run never resets a balance
-- that orders have moved. cust-poor can afford almost nothing, for declined-payment rehearsals.
INSERT IGNORE INTO accounts (customer_id, posted, pending) VALUES
  ('cust-001',  50000000, 0),
  ('cust-002',  50000000, 0),
  ('cust-003',  50000000, 0),
  ('cust-004',  50000000, 0),
  ('cust-005',  50000000, 0),
  ('cust-poor',     1000, 0);
