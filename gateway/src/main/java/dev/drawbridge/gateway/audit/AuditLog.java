package dev.drawbridge.gateway.audit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the gateway records what happens: the one entry point for every component (the statement
 * gate, the workflow, the admin API, the rollout executor). Thread-safe; {@link #record} and {@link
 * #recordAhead} never block.
 */
public interface AuditLog {

  /**
   * Records an event in the background. Never blocks.
   *
   * @return false when it could not even be queued (the queue is full or the log stopped)
   */
  boolean record(AuditRecordable event);

  /**
   * Records an event and tells when it is durable (stored, or spooled where the outage mode allows
   * it). Never blocks.
   *
   * @param mustReachStore true for schema changes and privileged operations: never spooled, so they
   *     fail closed while the store is away
   * @return completes when durable; fails with {@link AuditUnavailableException} when it cannot be
   */
  CompletableFuture<Void> recordAhead(AuditRecordable event, boolean mustReachStore);

  /**
   * Records a privileged operation before it takes effect: returns once the event is in the store.
   * Call it off event loops (it blocks up to 30 seconds).
   *
   * @throws AuditUnavailableException when the event cannot be stored: the operation must not
   *     happen
   */
  default void recordBeforeEffect(AuditEvent event) {
    try {
      recordAhead(event, true).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuditUnavailableException a) {
        throw a;
      }
      throw new AuditUnavailableException("the audit event could not be recorded", e.getCause());
    } catch (TimeoutException e) {
      throw new AuditUnavailableException("the audit store did not answer within 30 seconds", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("interrupted while recording an audit event", e);
    }
  }

  /** Whether statements should wait for their events before running ({@code audit.write-ahead}). */
  default boolean writeAhead() {
    return false;
  }

  /** A log that records nothing (no state store configured). */
  static AuditLog disabled() {
    return new AuditLog() {
      @Override
      public boolean record(AuditRecordable event) {
        return true;
      }

      @Override
      public CompletableFuture<Void> recordAhead(AuditRecordable event, boolean mustReachStore) {
        return CompletableFuture.completedFuture(null);
      }
    };
  }
}
