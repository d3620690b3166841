package dev.drawbridge.gateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The audit log of a running gateway: a bounded queue in front of the {@link AuditWriter}. While
 * the store is known to be away, what must reach it (and, in {@link OutageMode#REFUSE}, anything a
 * caller waits for) fails at once instead of queueing behind a dead store.
 */
public final class QueuedAuditLog implements AuditLog, AutoCloseable {

  private final AuditWriter writer;
  private final AuditMetrics metrics;
  private final boolean writeAhead;

  private QueuedAuditLog(AuditWriter writer, AuditMetrics metrics, boolean writeAhead) {
    this.writer = writer;
    this.metrics = metrics;
    this.writeAhead = writeAhead;
  }

  /** Starts the writer thread. */
  public static QueuedAuditLog start(
      AuditStore store, AuditSettings settings, MeterRegistry meters, Clock clock) {
    AuditMetrics metrics = new AuditMetrics(meters);
    AuditWriter writer = new AuditWriter(store, settings, metrics, clock);
    metrics.watch(meters, writer);
    writer.start();
    return new QueuedAuditLog(writer, metrics, settings.writeAhead());
  }

  @Override
  public boolean record(AuditRecordable event) {
    if (writer.offer(new AuditWriter.Entry(event, null, false))) {
      return true;
    }
    metrics.dropped();
    return false;
  }

  @Override
  public CompletableFuture<Void> recordAhead(AuditRecordable event, boolean mustReachStore) {
    if (writer.storeDown() && (mustReachStore || writer.outageMode() == OutageMode.REFUSE)) {
      metrics.refused();
      return CompletableFuture.failedFuture(
          new AuditUnavailableException("the audit store is unavailable"));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!writer.offer(new AuditWriter.Entry(event, done, mustReachStore))) {
      metrics.refused();
      return CompletableFuture.failedFuture(
          new AuditUnavailableException("the audit queue is full"));
    }
    return done;
  }

  @Override
  public boolean writeAhead() {
    return writeAhead;
  }

  /** True while the store takes writes (for readiness). */
  public boolean storeUp() {
    return !writer.storeDown();
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    writer.close();
  }
}
