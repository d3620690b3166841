package dev.drawbridge.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/** The audit trail's meters; names in one place, low-cardinality tags only. */
public final class AuditMetrics {

  public static final String QUEUE_DEPTH = "drawbridge.audit.queue.depth";
  public static final String WRITE_LATENCY = "drawbridge.audit.write";
  public static final String EVENTS = "drawbridge.audit.events";
  public static final String SPOOL_BACKLOG = "drawbridge.audit.spool.backlog";
  public static final String STORE_UP = "drawbridge.audit.store.up";

  private final Timer writes;
  private final Counter written;
  private final Counter spooled;
  private final Counter refused;
  private final Counter dropped;

  public AuditMetrics(MeterRegistry registry) {
    this.writes =
        Timer.builder(WRITE_LATENCY)
            .description("Time to store one batch of audit events")
            .publishPercentileHistogram()
            .register(registry);
    this.written = outcome(registry, "written");
    this.spooled = outcome(registry, "spooled");
    this.refused = outcome(registry, "refused");
    this.dropped = outcome(registry, "dropped");
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder(EVENTS)
        .description("Audit events by what became of them")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Gauges over the writer; the registry keeps a strong reference to it through the lambdas. */
  void watch(MeterRegistry registry, AuditWriter writer) {
    Supplier<Number> depth = writer::depth;
    Gauge.builder(QUEUE_DEPTH, depth)
        .description("Audit events waiting")
        .strongReference(true)
        .register(registry);
    Supplier<Number> backlog = writer::spoolBacklog;
    Gauge.builder(SPOOL_BACKLOG, backlog)
        .description("Audit events in the local spool, waiting for the store")
        .strongReference(true)
        .register(registry);
    Supplier<Number> up = () -> writer.storeDown() ? 0 : 1;
    Gauge.builder(STORE_UP, up)
        .description("1 while the audit store takes writes")
        .strongReference(true)
        .register(registry);
  }

  void written(int n, Duration took) {
    writes.record(took);
    written.increment(n);
  }

  void spooled(int n) {
    spooled.increment(n);
  }

  void refused() {
    refused.increment();
  }

  void dropped() {
    dropped.increment();
  }
}
