package dev.drawbridge.policy.facts;

import java.util.Objects;

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
}
