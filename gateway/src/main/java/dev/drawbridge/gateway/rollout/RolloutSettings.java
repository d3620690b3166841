package dev.drawbridge.gateway.rollout;

import java.time.Duration;
import java.util.Objects;

/**
 * How the executor runs plans. Lock timeout, retries and backoff of DDL steps come from the plan's
 * {@code RetryPolicy}; these are the rest.
 *
 * @param concurrentStatementTimeout per CREATE/DROP INDEX CONCURRENTLY and the like (zero: none)
 * @param validateStatementTimeout per VALIDATE CONSTRAINT (zero: none)
 * @param batchStatementTimeout per backfill batch
 * @param targetBatchDuration the batch duration the batch size is adapted toward
 * @param minBatchSize smallest batch (rows, or heap pages without a key)
 * @param maxBatchSize largest batch
 * @param batchPause pause between batches
 * @param maxReplicationLag throttle while any standby's replay lag is above this
 * @param maxLockWaiters throttle while more sessions than this wait for locks on the table
 * @param throttlePause how long to wait before checking again while throttled
 * @param lease how long a gateway's claim on a rollout lasts without a heartbeat
 * @param heartbeat how often the holder renews its lease (well under {@code lease})
 * @param poll how often a gateway looks for rollouts to run (queued, or with a lapsed lease)
 * @param blockerPoll how often a waiting DDL statement's blockers are looked up
 */
public record RolloutSettings(
    Duration concurrentStatementTimeout,
    Duration validateStatementTimeout,
    Duration batchStatementTimeout,
    Duration targetBatchDuration,
    int minBatchSize,
    int maxBatchSize,
    Duration batchPause,
    Duration maxReplicationLag,
    int maxLockWaiters,
    Duration throttlePause,
    Duration lease,
    Duration heartbeat,
    Duration poll,
    Duration blockerPoll) {

  public RolloutSettings {
    Objects.requireNonNull(concurrentStatementTimeout, "concurrentStatementTimeout");
    Objects.requireNonNull(validateStatementTimeout, "validateStatementTimeout");
    Objects.requireNonNull(batchStatementTimeout, "batchStatementTimeout");
    Objects.requireNonNull(targetBatchDuration, "targetBatchDuration");
    Objects.requireNonNull(batchPause, "batchPause");
    Objects.requireNonNull(maxReplicationLag, "maxReplicationLag");
    Objects.requireNonNull(throttlePause, "throttlePause");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(blockerPoll, "blockerPoll");
    if (!targetBatchDuration.isPositive()) {
      throw new IllegalArgumentException("rollout.target-batch-duration must be positive");
    }
    if (minBatchSize < 1 || maxBatchSize < minBatchSize) {
      throw new IllegalArgumentException(
          "rollout batch sizes need 1 <= min-batch-size <= max-batch-size");
    }
    if (maxLockWaiters < 0) {
      throw new IllegalArgumentException("rollout.max-lock-waiters must not be negative");
    }
    if (!lease.isPositive() || !heartbeat.isPositive() || heartbeat.compareTo(lease) >= 0) {
      throw new IllegalArgumentException(
          "rollout.heartbeat must be positive and below rollout.lease");
    }
    if (!poll.isPositive() || !blockerPoll.isPositive()) {
      throw new IllegalArgumentException("rollout poll intervals must be positive");
    }
  }

  public static RolloutSettings defaults() {
    return new RolloutSettings(
        Duration.ZERO,
        Duration.ZERO,
        Duration.ofSeconds(30),
        Duration.ofMillis(200),
        100,
        50_000,
        Duration.ofMillis(50),
        Duration.ofSeconds(10),
        5,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofMillis(250));
  }
}
