package dev.drawbridge.policy.sql;

/** What a statement does, as far as access control is concerned. Exactly one per statement. */
public enum StatementClass {
  /** Reads data and changes nothing: SELECT, VALUES, TABLE, SHOW-free queries, FETCH. */
  READ,
  /**
   * Changes data or takes row or table locks: INSERT, UPDATE, DELETE, MERGE, data-modifying CTEs,
   * SELECT ... FOR UPDATE/SHARE, SELECT ... INTO, COPY ... FROM, LOCK, NOTIFY, plain VACUUM and
   * ANALYZE.
   */
  WRITE,
  /** Changes the schema or server: CREATE/ALTER/DROP of objects, TRUNCATE, VACUUM FULL, ... */
  DDL,
  /** Changes who may do what: GRANT, REVOKE, CREATE/ALTER/DROP ROLE, ALTER DEFAULT PRIVILEGES. */
  PRIVILEGE,
  /** Changes the identity the session acts as: SET ROLE, SET SESSION AUTHORIZATION, set_config. */
  ROLE_CHANGE,
  /** Transaction control: BEGIN, COMMIT, ROLLBACK, SAVEPOINT, PREPARE TRANSACTION, ... */
  TRANSACTION,
  /** Session settings and housekeeping: SET, SHOW, RESET, DISCARD, LISTEN, DEALLOCATE, ... */
  SESSION,
  /** Runs code whose effect the gateway cannot see: DO, CALL, LOAD, COPY ... PROGRAM. */
  PROCEDURAL,
  /** Not understood; must be refused. */
  UNKNOWN;

  private static final StatementClass[] VALUES = values();

  static StatementClass of(int ordinal) {
    return VALUES[ordinal];
  }
}
