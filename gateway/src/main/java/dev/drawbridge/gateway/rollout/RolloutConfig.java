package dev.drawbridge.gateway.rollout;

import dev.drawbridge.policy.plan.RetryPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated {@code rollout:} section: the upstream DDL credential the executor's pool logs in
 * with, and how plans are run.
 *
 * @param ddlUser the upstream role that owns the tables (or may alter them)
 * @param ddlPassword its password; empty when the upstream trusts the gateway
 * @param poolSize connections per database in the DDL pool
 * @param retry lock timeout, attempts and backoff of DDL steps
 */
public record RolloutConfig(
    String ddlUser,
    Optional<String> ddlPassword,
    int poolSize,
    RetryPolicy retry,
    RolloutSettings settings) {

  public RolloutConfig {
    Objects.requireNonNull(ddlUser, "ddlUser");
    Objects.requireNonNull(ddlPassword, "ddlPassword");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(settings, "settings");
    if (poolSize < 2) {
      throw new IllegalArgumentException("rollout.pool-size must be at least 2");
    }
  }
}
