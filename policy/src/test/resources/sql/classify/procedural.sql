DO $$ BEGIN RAISE NOTICE 'hi'; END $$;
DO LANGUAGE plpgsql $body$ BEGIN DROP TABLE users; END $body$;
DO 'BEGIN DELETE FROM t; END';
CALL refresh_stats(1, 'x');
CALL public.archive($1);
LOAD 'auto_explain';
COPY t FROM PROGRAM 'curl http://example.invalid/data.csv';
COPY (SELECT 1) TO PROGRAM 'sh -c "rm -rf /"';
CREATE FUNCTION evil() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DROP TABLE users; END $$;
CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS 'DELETE FROM t';
CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT a;
  DELETE FROM t WHERE id = CASE WHEN a > 0 THEN a ELSE 0 END;
END;
ALTER FUNCTION g(int) SECURITY DEFINER;
SELECT 'after the routine';
