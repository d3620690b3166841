package dev.drawbridge.gateway.rollout;

import java.sql.SQLException;

/** The SQLSTATEs the executor acts on. */
final class SqlStates {

  static final String LOCK_NOT_AVAILABLE = "55P03";
  static final String QUERY_CANCELED = "57014";
  static final String DEADLOCK = "40P01";
  static final String DUPLICATE_TABLE = "42P07";

  private SqlStates() {}

  /** A lock timeout or a deadlock: roll back, back off and try again. */
  static boolean retryable(SQLException e) {
    String s = e.getSQLState();
    return LOCK_NOT_AVAILABLE.equals(s) || DEADLOCK.equals(s);
  }

  static String describe(SQLException e) {
    return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
  }
}
