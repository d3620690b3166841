package dev.drawbridge.policy.risk.model;

/**
 * {@code [NOT] DEFERRABLE [INITIALLY {DEFERRED | IMMEDIATE}]} of a UNIQUE, PRIMARY KEY, FOREIGN KEY
 * or EXCLUDE constraint, normalised: {@code NOT DEFERRABLE} and {@code INITIALLY IMMEDIATE} alone
 * are the default, {@code INITIALLY DEFERRED} alone implies {@code DEFERRABLE}. Deferral does not
 * change what building or validating the constraint locks, rewrites or scans.
 */
public enum Deferral {
  /** The default: checked at the end of each statement. */
  NOT_DEFERRABLE(""),
  /** {@code DEFERRABLE} (initially immediate). */
  DEFERRABLE(" DEFERRABLE"),
  /** {@code DEFERRABLE INITIALLY DEFERRED}: checked at commit. */
  INITIALLY_DEFERRED(" DEFERRABLE INITIALLY DEFERRED");

  private final String sql;

  Deferral(String sql) {
    this.sql = sql;
  }

  /** The clause with a leading space, or the empty string for the default. */
  public String sql() {
    return sql;
  }
}
