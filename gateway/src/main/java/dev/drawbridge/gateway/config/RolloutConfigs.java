package dev.drawbridge.gateway.config;

import dev.drawbridge.gateway.rollout.RolloutConfig;
import dev.drawbridge.gateway.rollout.RolloutSettings;
import dev.drawbridge.policy.plan.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Validates the {@code rollout} section. */
final class RolloutConfigs {

  static final int DEFAULT_POOL_SIZE = 3;

  private RolloutConfigs() {}

  /**
   * The rollout executor's configuration; empty when the section is absent (the gateway then runs
   * no rollouts and has no apply).
   */
  static Optional<RolloutConfig> rollout(
      RolloutSection r, boolean hasStateStore, List<String> problems) {
    if (r == null) {
      return Optional.empty();
    }
    if (r.ddlUser() == null || r.ddlUser().isBlank()) {
      problems.add(
          "rollout.ddl-user is missing: the executor logs in upstream as this role to run"
              + " approved plans.");
      return Optional.empty();
    }
    if (!hasStateStore) {
      problems.add("rollout needs a state-store: rollouts and their checkpoints are kept there.");
      return Optional.empty();
    }
    RetryPolicy d = RetryPolicy.defaults();
    RolloutSettings s = RolloutSettings.defaults();
    try {
      RetryPolicy retry =
          new RetryPolicy(
              pick(r.lockTimeout(), d.lockTimeout()),
              pick(r.ddlStatementTimeout(), d.ddlStatementTimeout()),
              pick(r.maxAttempts(), d.maxAttempts()),
              d.initialBackoff(),
              d.maxBackoff());
      if (retry.maxAttempts() < 1 || !retry.lockTimeout().isPositive()) {
        throw new IllegalArgumentException(
            "lock-timeout must be positive and max-attempts at least 1");
      }
      if (!retry.ddlStatementTimeout().isPositive()) {
        throw new IllegalArgumentException("ddl-statement-timeout must be positive");
      }
      for (Duration t :
          new Duration[] {
            r.concurrentStatementTimeout(), r.validateStatementTimeout(), r.batchStatementTimeout()
          }) {
        if (t != null && t.isNegative()) {
          throw new IllegalArgumentException("statement timeouts must not be negative");
        }
      }
      if (r.batchStatementTimeout() != null && r.batchStatementTimeout().isZero()) {
        throw new IllegalArgumentException(
            "batch-statement-timeout must be positive: a batch must never run unbounded");
      }
      RolloutSettings settings =
          new RolloutSettings(
              pick(r.concurrentStatementTimeout(), s.concurrentStatementTimeout()),
              pick(r.validateStatementTimeout(), s.validateStatementTimeout()),
              pick(r.batchStatementTimeout(), s.batchStatementTimeout()),
              pick(r.targetBatchDuration(), s.targetBatchDuration()),
              s.minBatchSize(),
              pick(r.maxBatchSize(), s.maxBatchSize()),
              pick(r.batchPause(), s.batchPause()),
              pick(r.maxReplicationLag(), s.maxReplicationLag()),
              pick(r.maxLockWaiters(), s.maxLockWaiters()),
              s.throttlePause(),
              pick(r.lease(), s.lease()),
              pick(r.heartbeat(), s.heartbeat()),
              s.poll(),
              s.blockerPoll());
      return Optional.of(
          new RolloutConfig(
              r.ddlUser(),
              Optional.ofNullable(r.ddlPassword()).filter(p -> !p.isEmpty()),
              pick(r.poolSize(), DEFAULT_POOL_SIZE),
              retry,
              settings));
    } catch (IllegalArgumentException e) {
      problems.add("rollout: " + e.getMessage() + ".");
      return Optional.empty();
    }
  }

  private static <T> T pick(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
