-- pg: 15
-- Converted from policy/src/test/resources/risk/indexes-constraints.json; the reviewed expectations there
-- (verdict, rules, plan) hold for the last statement of each case.

-- case: C1 CREATE INDEX blocks writes: CONCURRENTLY instead
CREATE INDEX idx_orders_status ON orders (status);

-- case: C1 CREATE UNIQUE INDEX
CREATE UNIQUE INDEX orders_ref_uidx ON orders (code);

-- case: C1 partial index keeps its predicate
CREATE INDEX idx_partial ON orders (created_at) WHERE status = 'open';

-- case: C1 unnamed expression index gets a name for its rollback
CREATE INDEX ON orders (lower(status));

-- case: C1 unnamed column index
CREATE INDEX ON orders (user_id, created_at DESC);

-- case: C1 IF NOT EXISTS form
CREATE INDEX IF NOT EXISTS idx_orders_user ON orders (user_id);

-- case: C1 GIN index with an operator class
CREATE INDEX idx_gin ON orders USING gin (note gin_trgm_ops);

-- case: C1 schema-qualified table
CREATE INDEX log_id_idx ON audit.log (id);

-- case: C1 on an empty table is fine
CREATE INDEX empty_idx ON empty_t (id);

-- case: C1 on a table created in this transaction (squawk skips it too)
BEGIN;
CREATE INDEX new_idx ON new_t (id);
COMMIT;

-- case: C1 on a partitioned parent: ON ONLY, CIC per partition, ATTACH
CREATE INDEX events_created_idx ON events (created_at);

-- case: C2 CREATE INDEX CONCURRENTLY in autocommit
CREATE INDEX CONCURRENTLY idx_orders_status ON orders (status);

-- case: C2 CONCURRENTLY inside a transaction block fails with 25001
BEGIN;
CREATE INDEX CONCURRENTLY idx_orders_status ON orders (status);
COMMIT;

-- case: C2 CONCURRENTLY inside a multi-statement simple Query fails too (nuance 11)
-- (several statements in one Query message run as one implicit transaction)
BEGIN;
ALTER TABLE orders ADD COLUMN x int; CREATE INDEX CONCURRENTLY i ON orders (x);
COMMIT;

-- case: C2 IF NOT EXISTS would accept an INVALID leftover
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_code_idx ON orders (code);

-- case: C2 CONCURRENTLY on a partitioned parent is rejected by PostgreSQL
CREATE INDEX CONCURRENTLY events_idx ON events (created_at);

-- case: C3 DROP INDEX takes ACCESS EXCLUSIVE on the table
DROP INDEX orders_code_uidx;

-- case: C3 DROP INDEX CONCURRENTLY IF EXISTS
DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;

-- case: C3 DROP INDEX CONCURRENTLY inside a transaction block
BEGIN;
DROP INDEX CONCURRENTLY idx_users_email;
COMMIT;

-- case: C3 DROP INDEX CASCADE has no concurrent form
DROP INDEX orders_code_uidx CASCADE;

-- case: C3 REINDEX INDEX on PG 15 becomes CONCURRENTLY
REINDEX INDEX orders_code_uidx;

-- case: C3 REINDEX CONCURRENTLY in autocommit
REINDEX TABLE CONCURRENTLY orders;

-- case: C3 REINDEX CONCURRENTLY in a transaction block
BEGIN;
REINDEX INDEX CONCURRENTLY orders_code_uidx;
COMMIT;

-- case: D1 ADD CHECK scans under ACCESS EXCLUSIVE
ALTER TABLE orders ADD CONSTRAINT qty_pos CHECK (qty > 0);

-- case: D1 unnamed CHECK gets PostgreSQL's style of name
ALTER TABLE orders ADD CHECK (price >= 0);

-- case: D1 CHECK with IN list
ALTER TABLE orders ADD CONSTRAINT status_ok CHECK (status IN ('open', 'paid'));

-- case: D1 CHECK NOT VALID is safe
ALTER TABLE orders ADD CONSTRAINT qty_pos CHECK (qty > 0) NOT VALID;

-- case: D1 VALIDATE CONSTRAINT alone scans under SHARE UPDATE EXCLUSIVE
ALTER TABLE orders VALIDATE CONSTRAINT qty_pos;

-- case: D2 ADD FOREIGN KEY scans under SHARE ROW EXCLUSIVE on both tables
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users(id);

-- case: D2 FOREIGN KEY NOT VALID
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users(id) NOT VALID;

-- case: D2 unnamed FOREIGN KEY with ON DELETE
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;

-- case: D2 FOREIGN KEY from an empty table
ALTER TABLE empty_t ADD CONSTRAINT e_fk FOREIGN KEY (id) REFERENCES users (id);

-- case: D3 ADD UNIQUE builds an index under ACCESS EXCLUSIVE
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);

-- case: D3 unnamed multi-column UNIQUE
ALTER TABLE orders ADD UNIQUE (user_id, code);

-- case: D3 UNIQUE USING INDEX is catalog-only
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;

-- case: D4 ADD PRIMARY KEY on a nullable column: NOT NULL first, then CIC
ALTER TABLE orders ADD PRIMARY KEY (code);

-- case: D4 ADD PRIMARY KEY on a NOT NULL column
ALTER TABLE orders ADD CONSTRAINT orders_pk PRIMARY KEY (price);

-- case: D4 PRIMARY KEY USING INDEX on a column with a valid NOT NULL CHECK (PG 15)
ALTER TABLE users ADD CONSTRAINT users_pk PRIMARY KEY USING INDEX users_email_idx;

-- case: D4 PRIMARY KEY USING INDEX on a NOT NULL column
ALTER TABLE users ADD CONSTRAINT users_pk PRIMARY KEY USING INDEX users_login_idx;

-- case: D4 PRIMARY KEY USING an index the facts do not know
ALTER TABLE users ADD CONSTRAINT users_pk PRIMARY KEY USING INDEX some_idx;

-- case: D5 EXCLUDE has no online path
ALTER TABLE orders ADD CONSTRAINT no_overlap EXCLUDE USING gist (user_id WITH =, code WITH =);

-- case: D5 EXCLUDE on an empty table
ALTER TABLE empty_t ADD CONSTRAINT no_overlap EXCLUDE USING gist (id WITH =);

-- case: D6 NOT VALID and VALIDATE in one transaction
-- (several statements in one Query message run as one implicit transaction)
BEGIN;
ALTER TABLE orders ADD CONSTRAINT c1 CHECK (qty > 0) NOT VALID; ALTER TABLE orders VALIDATE CONSTRAINT c1;
COMMIT;

-- case: D6 index build after ACCESS EXCLUSIVE DDL in the same transaction
-- (several statements in one Query message run as one implicit transaction)
BEGIN;
ALTER TABLE orders ADD COLUMN x int; CREATE INDEX i ON orders (x);
COMMIT;

-- case: D6 catalog-only statement after ACCESS EXCLUSIVE DDL is fine
-- (several statements in one Query message run as one implicit transaction)
BEGIN;
ALTER TABLE orders ADD COLUMN x int; ALTER TABLE orders ADD COLUMN y int;
COMMIT;

-- case: D6 index on a table created earlier in the same transaction
-- (several statements in one Query message run as one implicit transaction)
BEGIN;
CREATE TABLE t9 (id bigint PRIMARY KEY, name text NOT NULL); CREATE INDEX i9 ON t9 (name);
COMMIT;

-- case: D6 volatile default on a table created earlier in the same transaction
-- (several statements in one Query message run as one implicit transaction)
BEGIN;
CREATE TABLE t8 (id bigint); ALTER TABLE t8 ADD COLUMN r uuid DEFAULT gen_random_uuid();
COMMIT;

-- case: D7 DROP CONSTRAINT is brief
ALTER TABLE orders DROP CONSTRAINT orders_qty_check;

-- case: D7 dropping a foreign key also locks the referenced table (nuance 12)
ALTER TABLE orders DROP CONSTRAINT orders_users_fk;

-- case: D7 RENAME CONSTRAINT is brief
ALTER TABLE orders RENAME CONSTRAINT orders_qty_check TO orders_qty_positive;

-- case: D7 ALTER INDEX RENAME takes SHARE UPDATE EXCLUSIVE on PG 12+
ALTER INDEX orders_code_uidx RENAME TO orders_code_unique;
