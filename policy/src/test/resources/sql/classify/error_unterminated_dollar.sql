DO $body$ BEGIN DROP TABLE x; END $Body$;
