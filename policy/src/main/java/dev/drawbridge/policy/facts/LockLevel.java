package dev.drawbridge.policy.facts;

/**
 * Table-level lock modes, named and ordered as in PostgreSQL's "Explicit Locking" chapter (weakest
 * first), with the documented conflict matrix.
 */
public enum LockLevel {
  ACCESS_SHARE("ACCESS SHARE"),
  ROW_SHARE("ROW SHARE"),
  ROW_EXCLUSIVE("ROW EXCLUSIVE"),
  SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE"),
  SHARE("SHARE"),
  SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE"),
  EXCLUSIVE("EXCLUSIVE"),
  ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE");

  // Rows and columns in declaration order; true = the two modes conflict.
  private static final boolean[][] CONFLICTS = {
    {false, false, false, false, false, false, false, true},
    {false, false, false, false, false, false, true, true},
    {false, false, false, false, true, true, true, true},
    {false, false, false, true, true, true, true, true},
    {false, false, true, true, false, true, true, true},
    {false, false, true, true, true, true, true, true},
    {false, true, true, true, true, true, true, true},
    {true, true, true, true, true, true, true, true},
  };

  private final String pgName;

  LockLevel(String pgName) {
    this.pgName = pgName;
  }

  /** The name PostgreSQL uses, e.g. "ACCESS EXCLUSIVE". */
  public String pgName() {
    return pgName;
  }

  public boolean conflictsWith(LockLevel other) {
    return CONFLICTS[ordinal()][other.ordinal()];
  }

  /** Plain SELECT takes ACCESS SHARE. */
  public boolean blocksReads() {
    return conflictsWith(ACCESS_SHARE);
  }

  /** INSERT, UPDATE and DELETE take ROW EXCLUSIVE. */
  public boolean blocksWrites() {
    return conflictsWith(ROW_EXCLUSIVE);
  }

  public LockLevel max(LockLevel other) {
    return compareTo(other) >= 0 ? this : other;
  }

  @Override
  public String toString() {
    return pgName;
  }
}
