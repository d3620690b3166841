package dev.drawbridge.policy.facts;

/** PostgreSQL function volatility categories, weakest first. */
public enum Volatility {
  IMMUTABLE,
  STABLE,
  VOLATILE;

  public Volatility max(Volatility other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public Volatility min(Volatility other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public boolean isVolatile() {
    return this == VOLATILE;
  }
}
