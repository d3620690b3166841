SELECT 'a'
'b' AS joined;
SELECT 1 AS "weird ""name""", U&"!0041" UESCAPE '!';
SELECT x::int[], y::"MyType";
SELECT $1, $2, $10;
SELECT 1 -- trailing ; comment
;
SELECT 1_000 + 0x_FF;
SELECT B'1' || X'F';
select e'\\' as bs;
SELECT $outer$ $inner$ ; $inner$ $outer$;
SELECT 1/*c*/+/*c*/2;
SELECT a.b.c FROM a.b;
	SELECT 'tab-indented';
/* a comment
   over two lines */ INSERT INTO "t;x" VALUES (';');
