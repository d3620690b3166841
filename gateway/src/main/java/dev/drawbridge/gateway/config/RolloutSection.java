package dev.drawbridge.gateway.config;

import java.time.Duration;

/** The {@code rollout} settings as written, before validation; null means not set. */
public record RolloutSection(
    String ddlUser,
    String ddlPassword,
    Integer poolSize,
    Duration lockTimeout,
    Integer maxAttempts,
    Duration targetBatchDuration,
    Integer maxBatchSize,
    Duration batchPause,
    Duration maxReplicationLag,
    Integer maxLockWaiters,
    Duration lease,
    Duration heartbeat,
    Duration ddlStatementTimeout,
    Duration concurrentStatementTimeout,
    Duration validateStatementTimeout,
    Duration batchStatementTimeout) {

  /** {@code base} with every value {@code over} sets replacing it. */
  static RolloutSection merge(RolloutSection base, RolloutSection over) {
    if (base == null || over == null) {
      return over != null ? over : base;
    }
    return new RolloutSection(
        pick(over.ddlUser, base.ddlUser),
        pick(over.ddlPassword, base.ddlPassword),
        pick(over.poolSize, base.poolSize),
        pick(over.lockTimeout, base.lockTimeout),
        pick(over.maxAttempts, base.maxAttempts),
        pick(over.targetBatchDuration, base.targetBatchDuration),
        pick(over.maxBatchSize, base.maxBatchSize),
        pick(over.batchPause, base.batchPause),
        pick(over.maxReplicationLag, base.maxReplicationLag),
        pick(over.maxLockWaiters, base.maxLockWaiters),
        pick(over.lease, base.lease),
        pick(over.heartbeat, base.heartbeat),
        pick(over.ddlStatementTimeout, base.ddlStatementTimeout),
        pick(over.concurrentStatementTimeout, base.concurrentStatementTimeout),
        pick(over.validateStatementTimeout, base.validateStatementTimeout),
        pick(over.batchStatementTimeout, base.batchStatementTimeout));
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }
}
