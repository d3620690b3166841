package dev.drawbridge.policy.facts;

import java.util.Objects;
import java.util.Optional;

/**
 * A user-defined type (domain, enum, composite or base type). For a domain: its base type and
 * whether it carries CHECK or NOT NULL constraints (which force a rewrite on ADD COLUMN). {@code
 * castVolatility} is the volatility of converting a value into this type (its input or cast
 * function); unknown types are treated as volatile.
 */
public record TypeFacts(
    String name,
    Kind kind,
    Optional<String> baseType,
    boolean hasConstraints,
    Volatility castVolatility) {

  /** The kind of a user-defined type. */
  public enum Kind {
    DOMAIN,
    ENUM,
    COMPOSITE,
    BASE
  }

  public TypeFacts {
    Objects.requireNonNull(name);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(baseType);
    Objects.requireNonNull(castVolatility);
  }

  public static TypeFacts domain(String name, String baseType, boolean hasConstraints) {
    return new TypeFacts(
        name, Kind.DOMAIN, Optional.of(baseType), hasConstraints, Volatility.STABLE);
  }

  public static TypeFacts enumType(String name) {
    return new TypeFacts(name, Kind.ENUM, Optional.empty(), false, Volatility.STABLE);
  }
}
