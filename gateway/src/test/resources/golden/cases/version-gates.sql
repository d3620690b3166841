-- pg: 10 11 12 14.2 14.4 15 17 18 unknown
-- The version-specific cases of policy/src/test/resources/risk/*.json, judged on every version
-- gate (fast default 11, NOT NULL via CHECK 12, CIC corruption 14.0-14.3, DETACH CONCURRENTLY 14,
-- NULLS NOT DISTINCT 15, VIRTUAL 18; unknown fails every gate).

-- case: core flow on PG 11: SET NOT NULL still scans, the plan says so (written for PG 11)
ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid();

-- case: core flow on PG 10: volatile default rewrites there too (written for PG 10)
ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid();

-- case: core flow on PG 17 (written for PG 17)
ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid();

-- case: A2 literal default is catalog-only on PG 11 (written for PG 11)
ALTER TABLE orders ADD COLUMN active boolean DEFAULT true;

-- case: A2 literal default rewrites on PG 10 (written for PG 10)
ALTER TABLE orders ADD COLUMN active boolean DEFAULT true;

-- case: A2 NOT NULL DEFAULT constant on PG 11 is catalog-only (squawk flags bare 11) (written for PG 11)
ALTER TABLE orders ADD COLUMN qty2 integer NOT NULL DEFAULT 0;

-- case: A2 now() is stable: fast default on PG 12 (written for PG 12)
ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT now();

-- case: A2 CURRENT_TIMESTAMP is stable on PG 14 (written for PG 14)
ALTER TABLE users ADD COLUMN ts timestamp with time zone DEFAULT CURRENT_TIMESTAMP;

-- case: A3 clock_timestamp() rewrites (written for PG 17)
ALTER TABLE orders ADD COLUMN t1 timestamptz DEFAULT clock_timestamp();

-- case: A7 VIRTUAL generated column is catalog-only on PG 18 (written for PG 18)
ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) VIRTUAL;

-- case: A7 generated column without STORED is VIRTUAL on PG 18 (written for PG 18)
ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price);

-- case: A7 generated column without STORED on PG 17 is read as STORED (written for PG 17)
ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price);

-- case: A7 VIRTUAL before PG 18 is never called safe (written for PG 17)
ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) VIRTUAL;

-- case: A7 VIRTUAL with an unknown server version is never called safe (written for PG unknown)
ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) VIRTUAL;

-- case: unknown server version: constant default is treated as pre-11 (written for PG unknown)
ALTER TABLE orders ADD COLUMN active boolean DEFAULT false;

-- case: server_version with a devel suffix (written for PG 17devel)
ALTER TABLE orders ADD COLUMN active boolean DEFAULT false;

-- case: core flow on PG 11: SET NOT NULL still scans, the plan says so (ref_id twin, production parser) (written for PG 11)
ALTER TABLE orders ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid();

-- case: core flow on PG 10: volatile default rewrites there too (ref_id twin, production parser) (written for PG 10)
ALTER TABLE orders ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid();

-- case: core flow on PG 17 (ref_id twin, production parser) (written for PG 17)
ALTER TABLE orders ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid();

-- case: B1 SET NOT NULL with a valid CHECK on PG 12 skips the scan (written for PG 12)
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: B1 SET NOT NULL with a valid CHECK on PG 11 still scans (written for PG 11)
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: B1 SET NOT NULL on PG 10: the plan warns that the final step scans (written for PG 10)
ALTER TABLE users ALTER COLUMN name SET NOT NULL;

-- case: B1 SET NOT NULL on PG 18 mentions NOT NULL NOT VALID (written for PG 18)
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;

-- case: B3 timestamp to timestamptz under Etc/UTC on PG 12 (written for PG 12)
SET TIME ZONE 'Etc/UTC';
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamp with time zone;
SET TIME ZONE DEFAULT;

-- case: B3 timestamp to timestamptz rewrites on PG 11 even under UTC (written for PG 11)
SET TIME ZONE 'UTC';
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;
SET TIME ZONE DEFAULT;

-- case: B6 ATTACH PARTITION on PG 11 also locks the parent exclusively (written for PG 11)
ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- case: B7 DETACH PARTITION on PG 13 has no online form (written for PG 13)
ALTER TABLE events DETACH PARTITION events_2024;

-- case: C2 CONCURRENTLY on PG 14.2 risks corruption (written for PG 14.2)
CREATE INDEX CONCURRENTLY idx_orders_status ON orders (status);

-- case: C2 CONCURRENTLY on PG 14.4 is fine (written for PG 14.4)
CREATE INDEX CONCURRENTLY idx_orders_status ON orders (status);

-- case: C3 REINDEX TABLE on PG 11 has no concurrent form (written for PG 11)
REINDEX TABLE orders;

-- case: D4 PRIMARY KEY USING INDEX on a nullable column on PG 11 scans (nuance 10) (written for PG 11)
ALTER TABLE users ADD CONSTRAINT users_pk PRIMARY KEY USING INDEX users_email_idx;

-- case: E4 ADD VALUE inside a transaction block before PG 12 fails (written for PG 11)
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded';
COMMIT;

-- case: E4 ADD VALUE inside a transaction block on PG 12 works, unusable until commit (written for PG 12)
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
COMMIT;

-- case: E4 ADD VALUE in autocommit on PG 10 (written for PG 10)
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';

-- case: E4 ADD VALUE inside a transaction with the version unknown (written for PG unknown)
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded';
COMMIT;
