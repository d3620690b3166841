-- pg: 15
-- Evasion attempts: DDL hidden in procedural code, strings, comments, several statements in one
-- string, and escaped identifiers. Hidden DDL is opaque (not understood), text that only looks like
-- DDL is not DDL, and escaped names resolve to the table they spell.

-- case: DDL inside a DO block is opaque
DO $$ BEGIN EXECUTE 'ALTER TABLE orders ADD COLUMN x uuid DEFAULT gen_random_uuid()'; END $$;

-- case: DDL inside a DO block with a tagged dollar quote and a language
DO LANGUAGE plpgsql $body$ BEGIN ALTER TABLE orders DROP COLUMN note; END $body$;

-- case: a function whose body does DDL
CREATE FUNCTION sneaky() RETURNS void LANGUAGE plpgsql AS $f$ BEGIN DROP TABLE orders; END $f$;

-- case: CREATE OR REPLACE PROCEDURE with a quoted body
CREATE OR REPLACE PROCEDURE sneaky2() LANGUAGE sql AS 'TRUNCATE orders';

-- case: calling a routine runs code the gateway cannot see
CALL sneaky2();

-- case: a block comment that only mentions DDL
SELECT 1 /* ALTER TABLE orders DROP COLUMN note; */;

-- case: nested block comments hide a DROP
/* outer /* inner */ DROP TABLE users; still a comment */ SELECT 2;

-- case: a string that only contains DDL
SELECT 'DROP TABLE orders; TRUNCATE users';

-- case: an escape string with an escaped quote and DDL words
SELECT E'it\'s; DROP TABLE users';

-- case: a dollar-quoted string containing DDL
SELECT $x$ ALTER TABLE orders SET LOGGED; $x$;

-- case: a line comment, then real DDL on the next line
-- DROP TABLE orders;
ALTER TABLE orders ADD COLUMN harmless int;

-- case: two statements on one line: each is judged
SELECT 1; DROP TABLE orders;

-- case: a unicode-escaped identifier spelling orders
ALTER TABLE U&"\006Frders" ADD COLUMN x2 uuid DEFAULT gen_random_uuid();

-- case: a unicode escape with UESCAPE
ALTER TABLE U&"!006Frders" UESCAPE '!' DROP COLUMN note;

-- case: a quoted identifier that differs by case is another table
ALTER TABLE "Orders" ADD COLUMN x3 uuid DEFAULT gen_random_uuid();

-- case: upper case unquoted folds to the same table
ALTER TABLE ORDERS ADD COLUMN X4 UUID DEFAULT GEN_RANDOM_UUID();

-- case: a default that looks like a call but is a tagged dollar string
ALTER TABLE orders ADD COLUMN x5 text DEFAULT $q$gen_random_uuid()$q$;

-- case: COPY FROM PROGRAM runs a shell command
COPY orders FROM PROGRAM 'cat /etc/passwd';

-- case: a data-modifying CTE is a write, not DDL
WITH gone AS (DELETE FROM orders WHERE id < 0 RETURNING id) SELECT count(*) FROM gone;

-- case: EXECUTE of a prepared statement
PREPARE p AS SELECT 1;
EXECUTE p;
