package dev.drawbridge.policy.facts;

import java.util.List;
import java.util.Objects;

/**
 * One column: its type as {@code format_type} prints it, NOT NULL, the CHECK constraints that
 * mention it, and the state of a {@code CHECK (col IS NOT NULL)} constraint.
 */
public record ColumnFacts(
    String name, String type, boolean notNull, List<CheckFacts> checks, NotNullCheck notNullCheck) {
  public ColumnFacts {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    checks = List.copyOf(checks);
    Objects.requireNonNull(notNullCheck);
  }

  public static ColumnFacts of(String name, String type, boolean notNull) {
    return new ColumnFacts(name, type, notNull, List.of(), NotNullCheck.NONE);
  }

  public ColumnFacts withChecks(CheckFacts... more) {
    return new ColumnFacts(name, type, notNull, List.of(more), notNullCheck);
  }

  public ColumnFacts withNotNullCheck(NotNullCheck state) {
    return new ColumnFacts(name, type, notNull, checks, state);
  }
}
