-- Demo catalog for the local stack and the tests. INSERT IGNORE: a re-run never resets stock
-- that orders have moved. LIMITED-VINYL is scarce on purpose, for out-of-stock rehearsals.
INSERT IGNORE INTO products (sku, name, unit_price, on_hand, reserved) VALUES
  ('TSHIRT-M',      'T-shirt, size M',               2500, 1000000, 0),
  ('TSHIRT-L',      'T-shirt, size L',               2500, 1000000, 0),
  ('MUG-BLUE',      'Mug, blue',                     1200, 1000000, 0),
  ('TOTE-CANVAS',   'Canvas tote bag',               1800, 1000000, 0),
  ('STICKER-PACK',  'Sticker pack (10)',              500, 1000000, 0),
  ('HOODIE-GREY',   'Hoodie, grey',                  6800, 1000000, 0),
  ('LIMITED-VINYL', 'Limited edition vinyl record',  4500,       5, 0);
