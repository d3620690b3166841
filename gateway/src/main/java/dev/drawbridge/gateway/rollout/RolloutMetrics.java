package dev.drawbridge.gateway.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor's Micrometer metrics, names in one place; tags are low-cardinality (step kind and
 * outcome), never rollout ids or SQL.
 */
public final class RolloutMetrics {

  public static final String STEPS = "drawbridge.rollout.steps";
  public static final String BATCHES = "drawbridge.rollout.backfill.batches";
  public static final String ROWS = "drawbridge.rollout.backfill.rows";
  public static final String LOCK_RETRIES = "drawbridge.rollout.lock.retries";
  public static final String THROTTLED = "drawbridge.rollout.backfill.throttled";
  public static final String ACTIVE = "drawbridge.rollout.active";

  private final MeterRegistry registry;
  private final Timer batches;
  private final Counter rows;
  private final Counter lockRetries;
  private final Counter throttled;
  // Micrometer holds gauge targets weakly: keep this one here
  private final AtomicInteger active = new AtomicInteger();

  public RolloutMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.batches = Timer.builder(BATCHES).description("Backfill batches").register(registry);
    this.rows = Counter.builder(ROWS).description("Rows filled by backfills").register(registry);
    this.lockRetries =
        Counter.builder(LOCK_RETRIES)
            .description("DDL attempts that hit the lock timeout and were retried")
            .register(registry);
    this.throttled =
        Counter.builder(THROTTLED)
            .description("Pauses of a backfill for replication lag or lock waits")
            .register(registry);
    registry.gauge(ACTIVE, active);
  }

  /** Metrics nobody reads, for tests and tools. */
  public static RolloutMetrics none() {
    return new RolloutMetrics(new SimpleMeterRegistry());
  }

  void step(String kind, String outcome) {
    Counter.builder(STEPS)
        .description("Rollout steps by kind and outcome")
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void batch(Duration elapsed, long filled) {
    batches.record(elapsed);
    rows.increment(filled);
  }

  void lockRetry() {
    lockRetries.increment();
  }

  void throttled() {
    throttled.increment();
  }

  void started() {
    active.incrementAndGet();
  }

  void ended() {
    active.decrementAndGet();
  }
}
