package dev.drawbridge.policy.facts;

/** State of a {@code CHECK (col IS NOT NULL)} constraint on a column. */
public enum NotNullCheck {
  NONE,
  NOT_VALID,
  VALID
}
