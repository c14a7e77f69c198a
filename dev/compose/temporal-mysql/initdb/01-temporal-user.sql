-- Runs once, when the temporal-mysql data volume is first initialised.
-- The Temporal server connects as this least-privileged user; the schema tool
-- (temporal-admin-tools) creates and migrates the databases as root.
-- Privileges may be granted before the databases exist.
CREATE USER IF NOT EXISTS 'temporal'@'%' IDENTIFIED BY 'temporal';
GRANT ALL PRIVILEGES ON `temporal`.*            TO 'temporal'@'%';
GRANT ALL PRIVILEGES ON `temporal_visibility`.* TO 'temporal'@'%';
FLUSH PRIVILEGES;
