-- pg: 13 15 18
-- The forms the risk adapter learned (policy AdapterFormsTest) and the grammar additions
-- (COMMENT ON, CREATE TRIGGER, tagged dollar quotes, VIRTUAL), each its own statement.

-- case: ALTER TABLE orders SET SCHEMA archive
ALTER TABLE orders SET SCHEMA archive;

-- case: ALTER TABLE new_t SET SCHEMA archive
ALTER TABLE new_t SET SCHEMA archive;

-- case: ALTER TABLE orders DISABLE TRIGGER orders_audit
ALTER TABLE orders DISABLE TRIGGER orders_audit;

-- case: ALTER TABLE orders ENABLE REPLICA TRIGGER orders_audit
ALTER TABLE orders ENABLE REPLICA TRIGGER orders_audit;

-- case: ALTER TABLE orders ENABLE ALWAYS TRIGGER orders_audit
ALTER TABLE orders ENABLE ALWAYS TRIGGER orders_audit;

-- case: ALTER TABLE orders ENABLE TRIGGER USER
ALTER TABLE orders ENABLE TRIGGER USER;

-- case: ALTER TABLE orders DISABLE TRIGGER ALL
ALTER TABLE orders DISABLE TRIGGER ALL;

-- case: ALTER TABLE orders ALTER COLUMN amount DROP EXPRESSION IF EX
ALTER TABLE orders ALTER COLUMN amount DROP EXPRESSION IF EXISTS;

-- case: ALTER TABLE orders ALTER COLUMN amount DROP EXPRESSION
ALTER TABLE orders ALTER COLUMN amount DROP EXPRESSION;

-- case: ALTER TABLE orders ADD COLUMN label text COLLATE "C"
ALTER TABLE orders ADD COLUMN label text COLLATE "C";

-- case: ALTER TABLE orders ADD COLUMN label text COLLATE pg_catalog.
ALTER TABLE orders ADD COLUMN label text COLLATE pg_catalog."default" NOT NULL DEFAULT 'x';

-- case: ALTER TABLE orders ADD COLUMN label text COLLATE "C" DEFAULT
ALTER TABLE orders ADD COLUMN label text COLLATE "C" DEFAULT gen_random_uuid()::text;

-- case: ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED;

-- case: ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (co
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code) DEFERRABLE;

-- case: ALTER TABLE orders ADD COLUMN ref_code text UNIQUE DEFERRABL
ALTER TABLE orders ADD COLUMN ref_code text UNIQUE DEFERRABLE INITIALLY DEFERRED;

-- case: ALTER TABLE orders ADD CONSTRAINT x EXCLUDE USING gist (user
ALTER TABLE orders ADD CONSTRAINT x EXCLUDE USING gist (user_id WITH =) DEFERRABLE;

-- case: ALTER TABLE orders ADD CONSTRAINT k UNIQUE USING INDEX order
ALTER TABLE orders ADD CONSTRAINT k UNIQUE USING INDEX orders_code_uidx NOT DEFERRABLE INITIALLY IMMEDIATE;

-- case: ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE NUL
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE NULLS NOT DISTINCT (code);

-- case: CREATE UNIQUE INDEX CONCURRENTLY orders_code_nnd ON orders (
CREATE UNIQUE INDEX CONCURRENTLY orders_code_nnd ON orders (code) NULLS NOT DISTINCT;

-- case: ALTER TABLE orders ADD COLUMN ref_code text UNIQUE NULLS DIS
ALTER TABLE orders ADD COLUMN ref_code text UNIQUE NULLS DISTINCT;

-- case: ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (co
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code) INCLUDE (note);

-- case: ALTER TABLE orders ADD PRIMARY KEY (code) INCLUDE (note)
ALTER TABLE orders ADD PRIMARY KEY (code) INCLUDE (note);

-- case: ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) R
ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL NOT VALID;

-- case: ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) R
ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE;

-- case: ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES use
ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES users (id) MATCH SIMPLE ON UPDATE RESTRICT;

-- case: CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note) W
CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note) WITH (fillfactor = 70) TABLESPACE fast;

-- case: CREATE INDEX orders_note_idx ON orders (note) WITH (fillfact
CREATE INDEX orders_note_idx ON orders (note) WITH (fillfactor = 70, deduplicate_items = off) TABLESPACE fast;

-- case: ALTER TABLE orders ADD CONSTRAINT c CHECK (CASE WHEN qty > 0
ALTER TABLE orders ADD CONSTRAINT c CHECK (CASE WHEN qty > 0 THEN true ELSE false END) NOT VALID;

-- case: ALTER TABLE orders ADD COLUMN tier text DEFAULT CASE WHEN ra
ALTER TABLE orders ADD COLUMN tier text DEFAULT CASE WHEN random() > 0.5 THEN 'a' ELSE 'b' END;

-- case: ALTER TABLE orders ADD COLUMN tier text DEFAULT CASE WHEN no
ALTER TABLE orders ADD COLUMN tier text DEFAULT CASE WHEN now() > '2026-01-01' THEN 'a' END;

-- case: CREATE INDEX CONCURRENTLY orders_code_a ON orders (code) WHE
CREATE INDEX CONCURRENTLY orders_code_a ON orders (code) WHERE code LIKE 'A%' AND note NOT LIKE '%x!%%' ESCAPE '!';

-- case: ALTER TABLE orders ADD CONSTRAINT c CHECK (code NOT LIKE '% 
ALTER TABLE orders ADD CONSTRAINT c CHECK (code NOT LIKE '% %');

-- case: VACUUM orders
VACUUM orders;

-- case: VACUUM (VERBOSE, ANALYZE) orders
VACUUM (VERBOSE, ANALYZE) orders;

-- case: VACUUM (INDEX_CLEANUP off, SKIP_LOCKED) orders
VACUUM (INDEX_CLEANUP off, SKIP_LOCKED) orders;

-- case: VACUUM
VACUUM;

-- case: REINDEX SCHEMA public
REINDEX SCHEMA public;

-- case: REINDEX DATABASE app
REINDEX DATABASE app;

-- case: REINDEX SCHEMA CONCURRENTLY public
REINDEX SCHEMA CONCURRENTLY public;

-- case: REINDEX (VERBOSE) DATABASE CONCURRENTLY app
REINDEX (VERBOSE) DATABASE CONCURRENTLY app;

-- case: REINDEX SYSTEM app
REINDEX SYSTEM app;

-- case: CREATE TEMP TABLE scratch (id int, note text COLLATE "C")
CREATE TEMP TABLE scratch (id int, note text COLLATE "C");

-- case: CREATE UNLOGGED TABLE cache_t (id bigint PRIMARY KEY, payloa
CREATE UNLOGGED TABLE cache_t (id bigint PRIMARY KEY, payload jsonb);

-- case: CREATE TABLE metrics (id bigint, created_at timestamptz NOT 
CREATE TABLE metrics (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);

-- case: CREATE TABLE metrics (id bigint, region text) PARTITION BY L
CREATE TABLE metrics (id bigint, region text) PARTITION BY LIST (lower(region)) WITH (fillfactor = 90) TABLESPACE fast;

-- case: CREATE TABLE events_2030 PARTITION OF events FOR VALUES FROM
CREATE TABLE events_2030 PARTITION OF events FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');

-- case: CREATE TABLE events_other PARTITION OF events (CONSTRAINT po
CREATE TABLE events_other PARTITION OF events (CONSTRAINT pos CHECK (id > 0)) DEFAULT;

-- case: CREATE TABLE events_h PARTITION OF events FOR VALUES WITH (M
CREATE TABLE events_h PARTITION OF events FOR VALUES WITH (MODULUS 4, REMAINDER 1) PARTITION BY HASH (id);

-- case: CREATE TABLE orders_child (extra int) INHERITS (orders)
CREATE TABLE orders_child (extra int) INHERITS (orders);

-- case: COMMENT ON TABLE orders IS 'the orders'
COMMENT ON TABLE orders IS 'the orders';

-- case: COMMENT ON COLUMN staging.orders.id IS NULL
COMMENT ON COLUMN staging.orders.id IS NULL;

-- case: COMMENT ON CONSTRAINT orders_qty_check ON orders IS $c$it's$
COMMENT ON CONSTRAINT orders_qty_check ON orders IS $c$it's$c$;

-- case: COMMENT ON INDEX orders_code_idx IS 'x'
COMMENT ON INDEX orders_code_idx IS 'x';

-- case: COMMENT ON SCHEMA audit IS 'x'
COMMENT ON SCHEMA audit IS 'x';

-- case: CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OF status
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OF status, note OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION audit_fn();

-- case: CREATE OR REPLACE TRIGGER orders_audit BEFORE UPDATE ON orde
CREATE OR REPLACE TRIGGER orders_audit BEFORE UPDATE ON orders FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE PROCEDURE audit_fn('a', 1);

-- case: CREATE TRIGGER t AFTER TRUNCATE ON orders EXECUTE FUNCTION a
CREATE TRIGGER t AFTER TRUNCATE ON orders EXECUTE FUNCTION audit_fn();

-- case: ALTER TABLE orders ADD COLUMN q text DEFAULT $q$random()$q$ 
ALTER TABLE orders ADD COLUMN q text DEFAULT $q$random()$q$ NOT NULL;

-- case: ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS
ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) VIRTUAL;
-- case: IS [NOT] DISTINCT FROM in a CHECK
ALTER TABLE orders ADD CONSTRAINT c CHECK (status IS DISTINCT FROM 'x' AND code IS NOT DISTINCT FROM note) NOT VALID;

-- case: jsonb operators in a CHECK, NOT VALID
ALTER TABLE orders ADD CONSTRAINT orders_meta CHECK (meta ? 'kind' AND meta->>'kind' <> '' AND meta @> '{}') NOT VALID;

-- case: jsonb expression index built concurrently, partial on ?|
CREATE INDEX CONCURRENTLY orders_meta_kind ON orders ((meta #>> '{a,b}')) WHERE meta ?| array['a'];

-- case: = ANY (ARRAY[...]) in a validating CHECK
ALTER TABLE orders ADD CONSTRAINT status_any CHECK (status = ANY (ARRAY['open', 'paid']));

-- case: <> ALL (ARRAY[...]) NOT VALID
ALTER TABLE orders ADD CONSTRAINT status_all CHECK (status <> ALL (ARRAY['void'])) NOT VALID;

-- case: Calcite-reserved column names date, value, year
ALTER TABLE orders ADD COLUMN date date, ADD COLUMN value numeric, ADD COLUMN year int;

-- case: index on columns named date and value, concurrently
CREATE INDEX CONCURRENTLY orders_dv ON orders (date DESC, value);

-- case: CREATE CONSTRAINT TRIGGER, deferred
CREATE CONSTRAINT TRIGGER orders_ct AFTER INSERT ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_orders();

-- case: trigger with transition tables
CREATE TRIGGER orders_audit AFTER UPDATE ON orders REFERENCING NEW TABLE AS newtab OLD TABLE AS oldtab FOR EACH STATEMENT EXECUTE FUNCTION audit_orders();

-- case: VACUUM with TRUNCATE false is maintenance
VACUUM (TRUNCATE false, INDEX_CLEANUP off) orders;
