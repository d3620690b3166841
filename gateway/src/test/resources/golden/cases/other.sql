-- pg: 15
-- Converted from policy/src/test/resources/risk/other.json; the reviewed expectations there
-- (verdict, rules, plan) hold for the last statement of each case.

-- case: E1 RENAME COLUMN breaks clients: expand/contract
ALTER TABLE orders RENAME COLUMN note TO memo;

-- case: E1 RENAME COLUMN of a column the facts do not know
ALTER TABLE orders RENAME COLUMN mystery TO enigma;

-- case: E1 RENAME COLUMN on a table created in this transaction
BEGIN;
ALTER TABLE new_t RENAME COLUMN a TO b;
COMMIT;

-- case: E1 RENAME TO leaves a view under the old name
ALTER TABLE orders RENAME TO purchases;

-- case: E1 RENAME TO on an existing empty table still breaks clients
ALTER TABLE empty_t RENAME TO empty_u;

-- case: E1 SET SCHEMA moves the table away from every client that names it
ALTER TABLE orders SET SCHEMA archive;

-- case: E1 SET SCHEMA of a table created in this transaction
ALTER TABLE new_t SET SCHEMA archive;

-- case: E1 rename schema
ALTER SCHEMA audit RENAME TO audit_old;

-- case: E2 DROP COLUMN: stop using it, deploy, then drop
ALTER TABLE orders DROP COLUMN note;

-- case: E2 DROP COLUMN CASCADE never keeps CASCADE
ALTER TABLE orders DROP COLUMN IF EXISTS note CASCADE;

-- case: E2 DROP COLUMN on a table created in this transaction
BEGIN;
ALTER TABLE new_t DROP COLUMN a;
COMMIT;

-- case: E3 DROP TABLE: rename out of the way first
DROP TABLE orders;

-- case: E3 DROP TABLE also locks the tables it references (nuance 12)
DROP TABLE orders;

-- case: E3 TRUNCATE also locks the tables it references
TRUNCATE orders;

-- case: E3 DROP TABLE IF EXISTS CASCADE
DROP TABLE IF EXISTS old_users CASCADE;

-- case: E3 DROP TABLE of a table created in this transaction
BEGIN;
DROP TABLE new_t;
COMMIT;

-- case: E3 TRUNCATE
TRUNCATE TABLE orders;

-- case: E3 TRUNCATE CASCADE
TRUNCATE orders CASCADE;

-- case: E3 TRUNCATE of an empty table
TRUNCATE empty_t;

-- case: E4 RENAME VALUE breaks writers
ALTER TYPE order_status RENAME VALUE 'open' TO 'opened';

-- case: B5 VACUUM FULL rewrites under ACCESS EXCLUSIVE
VACUUM FULL orders;

-- case: B5 VACUUM FULL of the whole database
VACUUM FULL;

-- case: B5 VACUUM (FULL) option form
VACUUM (FULL, ANALYZE) orders;

-- case: B5 VACUUM FULL of an empty table
VACUUM FULL empty_t;

-- case: B5 CLUSTER rewrites
CLUSTER orders USING orders_pkey;

-- case: B5 CLUSTER without arguments
CLUSTER;

-- case: F1 no lock_timeout
ALTER TABLE orders ALTER COLUMN note DROP DEFAULT;

-- case: F1 lock_timeout too long
SET lock_timeout = '30s';
ALTER TABLE orders ALTER COLUMN note DROP DEFAULT;
SET lock_timeout = DEFAULT;

-- case: F1 SHARE UPDATE EXCLUSIVE does not block reads or writes
CREATE INDEX CONCURRENTLY idx_orders_status ON orders (status);

-- case: F1 a table created in this transaction has no queue
BEGIN;
ALTER TABLE new_t ADD COLUMN r int;
COMMIT;

-- case: F2 DO block is opaque
DO $$ BEGIN EXECUTE 'ALTER TABLE orders ADD COLUMN x int'; END $$;

-- case: F2 CREATE FUNCTION body is opaque
CREATE OR REPLACE FUNCTION f() RETURNS void LANGUAGE sql AS $$ ALTER TABLE orders DROP COLUMN note $$;

-- case: ADD COLUMN ... NOT VALID is not PostgreSQL
ALTER TABLE orders ADD COLUMN x int NOT VALID;

-- case: U& identifiers are refused (nuance 14)
ALTER TABLE U&"\0075sers" ADD COLUMN x int;

-- case: unsupported ALTER TABLE action is refused
ALTER TABLE orders INHERIT parent_t;

-- case: CREATE TABLE is safe
CREATE TABLE t7 (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());
