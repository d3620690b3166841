package dev.drawbridge.policy.facts;

import java.util.Objects;
import java.util.Optional;

/**
 * A function's declared volatility ({@code pg_proc.provolatile}) and whether it is an inlinable
 * {@code LANGUAGE sql} function whose body has no volatile call. The planner inlines and
 * constant-folds such a function before PostgreSQL decides whether a default is volatile, so its
 * declared volatility does not decide the rewrite (ddl-safety.md section 3, nuance 2).
 */
public record FunctionFacts(String name, Volatility volatility, boolean inlinableSql) {
  public FunctionFacts {
    Objects.requireNonNull(name);
    Objects.requireNonNull(volatility);
  }

  /** The volatility that decides whether an ADD COLUMN default rewrites. */
  public Volatility effectiveVolatility() {
    return inlinableSql ? Volatility.STABLE.min(volatility) : volatility;
  }

  /**
   * The volatility that decides whether an ADD COLUMN default rewrites on {@code version}.
   * PostgreSQL 11 judges the fast default on the declared volatility, before inlining (observed: it
   * rewrote); from 12 the default is planned first. Before 11 every default rewrites anyway, and an
   * unknown version already fails the PG 11 gate, so those keep the inlined reading.
   */
  public Volatility effectiveVolatility(Optional<PgVersion> version) {
    return version.map(v -> v.major() == 11).orElse(false) ? volatility : effectiveVolatility();
  }
}
