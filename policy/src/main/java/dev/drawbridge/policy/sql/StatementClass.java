package dev.drawbridge.policy.sql;

/** What a statement does, as far as access control is concerned. Exactly one per statement. */
public enum StatementClass {
  /**
   * Reads data and changes nothing, as far as its syntax shows: SELECT, VALUES, TABLE, FETCH, MOVE,
   * COPY ... TO STDOUT, EXPLAIN without ANALYZE. A query calling a built-in function with side
   * effects (nextval, pg_advisory_lock, pg_terminate_backend, pg_read_file, dblink, ...) takes the
   * class of that effect instead. User-defined functions may still have side effects; telling those
   * apart needs catalog facts (volatility, owner), not syntax.
   */
  READ,
  /**
   * Changes data or takes row or table locks: INSERT, UPDATE, DELETE, MERGE, data-modifying CTEs,
   * SELECT ... FOR UPDATE/NO KEY UPDATE/SHARE/KEY SHARE, SELECT ... INTO, COPY ... FROM, COPY ...
   * TO a server file, LOCK, NOTIFY (other sessions act on it), and EXPLAIN ANALYZE of any of these
   * (it executes them).
   */
  WRITE,
  /**
   * Maintenance that changes neither data nor schema: plain VACUUM (any options but FULL) and
   * ANALYZE. They take SHARE UPDATE EXCLUSIVE (reads and writes go on) and cost I/O; VACUUM FULL
   * rewrites the table under ACCESS EXCLUSIVE and is {@link #DDL}.
   */
  MAINTENANCE,
  /**
   * Changes the schema or the server: CREATE/ALTER/DROP of objects (routines included, their body
   * unjudged), CREATE TABLE AS, TRUNCATE, COMMENT, SECURITY LABEL, REINDEX, CLUSTER, VACUUM FULL,
   * REFRESH MATERIALIZED VIEW, IMPORT FOREIGN SCHEMA, ALTER SYSTEM, CHECKPOINT.
   */
  DDL,
  /**
   * Changes who may do what: GRANT, REVOKE, CREATE/ALTER/DROP ROLE|USER|GROUP, USER MAPPING (it
   * holds credentials), ALTER DEFAULT PRIVILEGES, DROP/REASSIGN OWNED, CREATE SCHEMA with a GRANT.
   */
  PRIVILEGE,
  /**
   * Changes the identity the session (or later sessions) act as: SET [SESSION|LOCAL] ROLE, SET
   * SESSION AUTHORIZATION, RESET of either, DISCARD ALL (it runs SET SESSION AUTHORIZATION
   * DEFAULT), {@code set_config('role'|'session_authorization', ...)} anywhere in a statement (or
   * with a first argument that is not a plain string constant), a {@code SET role} clause in
   * CREATE/ALTER (function, role or database settings), and such commands found in DO or routine
   * bodies.
   */
  ROLE_CHANGE,
  /** Transaction control: BEGIN, COMMIT, ROLLBACK, SAVEPOINT, PREPARE TRANSACTION, ... */
  TRANSACTION,
  /**
   * Session settings and housekeeping: SET, SHOW, RESET (RESET ALL leaves the role alone), DISCARD
   * PLANS|SEQUENCES|TEMP, LISTEN, UNLISTEN, DEALLOCATE, CLOSE, SET SESSION CHARACTERISTICS.
   */
  SESSION,
  /** Runs code whose effect the gateway cannot see: DO, CALL, LOAD, COPY ... PROGRAM. */
  PROCEDURAL,
  /**
   * Not understood; must be refused. Includes EXECUTE of a prepared statement whose class is not
   * known, PREPARE/DECLARE/COPY of something that is not a query or DML, an unterminated {@code
   * BEGIN ATOMIC} body, and any statement that starts with a word the classifier does not know.
   */
  UNKNOWN;

  private static final StatementClass[] VALUES = values();

  static StatementClass of(int ordinal) {
    return VALUES[ordinal];
  }
}
