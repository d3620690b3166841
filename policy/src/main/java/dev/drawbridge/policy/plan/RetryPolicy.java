package dev.drawbridge.policy.plan;

import java.time.Duration;

/**
 * How FAST_DDL and AS_WRITTEN steps are run: {@code SET LOCAL lock_timeout}, then on SQLSTATE
 * {@code 55P03} roll back, back off exponentially with jitter, and retry up to {@code maxAttempts}.
 * A {@code 57014} (statement_timeout) is rolled back and not retried.
 */
public record RetryPolicy(
    Duration lockTimeout,
    Duration ddlStatementTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {

  public static final String LOCK_NOT_AVAILABLE = "55P03";

  public static RetryPolicy defaults() {
    return new RetryPolicy(
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        10,
        Duration.ofSeconds(1),
        Duration.ofMinutes(1));
  }
}
