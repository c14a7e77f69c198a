-- Demo wallets for the local stack and the tests: a balance in JPY and loyalty points per customer.
-- cust-poor can afford almost nothing, for declined-payment rehearsals.
--
-- Only missing accounts are inserted (INSERT IGNORE semantics, without ignoring other errors), so a
-- re-run never resets what orders have moved. A new account is created with its opening already in
-- its cached credits; the two statements after it write that opening as a journal entry funded by
-- the system, for accounts that have none yet: only those just created, since every other account
-- got its opening entry in the transaction (seed or migration) that created it.
INSERT INTO ledger_accounts (holder, kind, credits_posted)
  SELECT s.holder, s.kind, s.amount
  FROM (
    SELECT 'cust-001' AS holder, 'BALANCE' AS kind, 50000000 AS amount
    UNION ALL SELECT 'cust-001',  'POINTS',  1000000
    UNION ALL SELECT 'cust-002',  'BALANCE', 50000000
    UNION ALL SELECT 'cust-002',  'POINTS',  1000000
    UNION ALL SELECT 'cust-003',  'BALANCE', 50000000
    UNION ALL SELECT 'cust-003',  'POINTS',  1000000
    UNION ALL SELECT 'cust-004',  'BALANCE', 50000000
    UNION ALL SELECT 'cust-004',  'POINTS',  1000000
    UNION ALL SELECT 'cust-005',  'BALANCE', 50000000
    UNION ALL SELECT 'cust-005',  'POINTS',  1000000
    UNION ALL SELECT 'cust-poor', 'BALANCE', 1000
    UNION ALL SELECT 'cust-poor', 'POINTS',  100
  ) s
  WHERE NOT EXISTS (
    SELECT 1 FROM ledger_accounts a WHERE a.holder = s.holder AND a.kind = s.kind);

INSERT INTO journal_entries (entry_ref, kind)
  SELECT CONCAT('opening:', a.holder, ':', a.kind), 'OPENING' FROM ledger_accounts a
  WHERE a.holder <> '@system'
    AND NOT EXISTS (
      SELECT 1 FROM journal_entries e WHERE e.entry_ref = CONCAT('opening:', a.holder, ':', a.kind))
  ORDER BY a.holder, a.kind;

INSERT INTO journal_lines (entry_id, line_no, account_id, amount)
  SELECT e.entry_id, n.line_no,
         IF(n.line_no = 1, a.account_id, f.account_id),
         IF(n.line_no = 1, a.credits_posted, -a.credits_posted)
  FROM journal_entries e
  JOIN ledger_accounts a ON e.entry_ref = CONCAT('opening:', a.holder, ':', a.kind)
  JOIN ledger_accounts f ON f.holder = '@system'
    AND f.kind = IF(a.kind = 'POINTS', 'POINTS_FUNDING', 'OPENING_EQUITY')
  CROSS JOIN (SELECT 1 AS line_no UNION ALL SELECT 2) n
  WHERE e.kind = 'OPENING'
    AND NOT EXISTS (SELECT 1 FROM journal_lines l WHERE l.entry_id = e.entry_id);
