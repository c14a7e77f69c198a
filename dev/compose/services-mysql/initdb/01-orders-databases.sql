-- Runs once, when the services-mysql data volume is first initialised
-- (docker compose -f dev/temporal-compose.yml down -v to start over).
-- One schema per service, each migrated by that service's Flyway on start-up;
-- `orders` holds the API's read model (orders, order lines, idempotency keys);
-- `reconciliation` the provider's events, mismatches and runs of payment reconciliation.
CREATE DATABASE IF NOT EXISTS `stock`    CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS `shipping` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS `payment`  CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS `orders`   CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS `reconciliation` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;

-- Dev credentials: orders / orders (healthcheck and README use them too).
CREATE USER IF NOT EXISTS 'orders'@'%' IDENTIFIED BY 'orders';
GRANT ALL PRIVILEGES ON `stock`.*    TO 'orders'@'%';
GRANT ALL PRIVILEGES ON `shipping`.* TO 'orders'@'%';
GRANT ALL PRIVILEGES ON `payment`.*  TO 'orders'@'%';
GRANT ALL PRIVILEGES ON `orders`.*   TO 'orders'@'%';
GRANT ALL PRIVILEGES ON `reconciliation`.* TO 'orders'@'%';
FLUSH PRIVILEGES;
