package dev.drawbridge.policy.facts;

import java.util.Objects;

/**
 * A CHECK constraint as the catalog reports it ({@code pg_get_constraintdef}, e.g. "CHECK ((qty >
 * 0))"), and whether it is validated.
 */
public record CheckFacts(String name, String definition, boolean valid) {
  public CheckFacts {
    Objects.requireNonNull(name);
    Objects.requireNonNull(definition);
  }
}
