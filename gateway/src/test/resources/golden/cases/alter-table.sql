-- pg: 15
-- Converted from policy/src/test/resources/risk/alter-table.json; the reviewed expectations there
-- (verdict, rules, plan) hold for the last statement of each case.

-- case: B1 SET NOT NULL without a CHECK scans
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;

-- case: B1 SET NOT NULL with a NOT VALID CHECK scans
ALTER TABLE users ALTER COLUMN phone SET NOT NULL;

-- case: B1 SET NOT NULL on a column that is already NOT NULL
ALTER TABLE orders ALTER COLUMN price SET NOT NULL;

-- case: B1 SET NOT NULL on an empty table
ALTER TABLE empty_t ALTER COLUMN id SET NOT NULL;

-- case: B2 SET DEFAULT never rewrites, even volatile
ALTER TABLE orders ALTER COLUMN note SET DEFAULT gen_random_uuid()::text;

-- case: B2 DROP DEFAULT
ALTER TABLE orders ALTER COLUMN note DROP DEFAULT;

-- case: B2 DROP NOT NULL
ALTER TABLE orders ALTER COLUMN price DROP NOT NULL;

-- case: B2 SET STATISTICS takes SHARE UPDATE EXCLUSIVE
ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500;

-- case: B2 SET (fillfactor) takes SHARE UPDATE EXCLUSIVE
ALTER TABLE orders SET (fillfactor = 70);

-- case: B2 SET STORAGE
ALTER TABLE orders ALTER COLUMN note SET STORAGE EXTERNAL;

-- case: B3 int to bigint rewrites: expand/contract
ALTER TABLE orders ALTER COLUMN qty TYPE bigint;

-- case: B3 NOT NULL column keeps NOT NULL on the new column
ALTER TABLE orders ALTER COLUMN price SET DATA TYPE bigint;

-- case: B3 varchar shrink rewrites
ALTER TABLE orders ALTER COLUMN note TYPE varchar(20);

-- case: B3 numeric scale change rewrites
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(10,3);

-- case: B3 numeric precision decrease rewrites
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(8,2);

-- case: B3 text to varchar(n) rewrites
ALTER TABLE orders ALTER COLUMN status TYPE varchar(20);

-- case: B3 char(n) to text rewrites
ALTER TABLE orders ALTER COLUMN flag TYPE text;

-- case: B3 text to enum rewrites
ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::order_status;

-- case: B3 data-changing USING rewrites
ALTER TABLE orders ALTER COLUMN code TYPE text USING upper(code);

-- case: B3 timestamp precision decrease rewrites
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamp(3);

-- case: B3 to a constrained domain rewrites
ALTER TABLE orders ALTER COLUMN qty TYPE positive_int;

-- case: B3 unknown current type is treated as a rewrite
ALTER TABLE orders ALTER COLUMN mystery TYPE text;

-- case: B3 timestamp to timestamptz is free under UTC on PG 15 (nuance 9)
SET TIME ZONE 'UTC';
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;
SET TIME ZONE DEFAULT;

-- case: B3 timestamp to timestamptz rewrites when the session TimeZone is not UTC
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;

-- case: B4 varchar lengthening is binary-coercible
ALTER TABLE orders ALTER COLUMN code TYPE varchar(100);

-- case: B4 varchar to text is binary-coercible
ALTER TABLE orders ALTER COLUMN note TYPE text;

-- case: B4 numeric precision increase is binary-coercible
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);

-- case: B4 numeric to unconstrained numeric
ALTER TABLE orders ALTER COLUMN amount TYPE numeric;

-- case: B4 cidr to inet
ALTER TABLE orders ALTER COLUMN addr TYPE inet;

-- case: B4 USING col::text is a relabel
ALTER TABLE orders ALTER COLUMN code TYPE text USING code::text;

-- case: B4 binary-coercible change still re-validates CHECKs by a scan (nuance 9)
ALTER TABLE orders ALTER COLUMN sku TYPE varchar(40);

-- case: B5 SET LOGGED rewrites, no online path
ALTER TABLE orders SET LOGGED;

-- case: B5 SET UNLOGGED rewrites
ALTER TABLE orders SET UNLOGGED;

-- case: B5 SET TABLESPACE copies the table
ALTER TABLE orders SET TABLESPACE fast_ssd;

-- case: B5 SET TABLESPACE on an empty table
ALTER TABLE empty_t SET TABLESPACE fast_ssd;

-- case: B6 ATTACH PARTITION without a validated CHECK scans the partition
ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- case: B6 ATTACH PARTITION with a validated CHECK skips the scan
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

-- case: B6 ATTACH PARTITION of an empty table
ALTER TABLE events ATTACH PARTITION events_2028 FOR VALUES FROM ('2028-01-01') TO ('2029-01-01');

-- case: B6 ATTACH a DEFAULT partition
ALTER TABLE events ATTACH PARTITION events_2026 DEFAULT;

-- case: B7 DETACH PARTITION on PG 15 becomes CONCURRENTLY
ALTER TABLE events DETACH PARTITION events_2024;

-- case: B7 DETACH CONCURRENTLY in autocommit
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;

-- case: B7 DETACH CONCURRENTLY inside a transaction block fails
BEGIN;
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
COMMIT;

-- case: B7 DETACH FINALIZE
ALTER TABLE events DETACH PARTITION events_2024 FINALIZE;
