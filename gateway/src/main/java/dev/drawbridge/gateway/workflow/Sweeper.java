package dev.drawbridge.gateway.workflow;

import dev.drawbridge.gateway.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks grants whose window closed and requests nobody decided on in time (or whose grant closed
 * unused) as expired. Every change is a conditional update, so several gateways may sweep the same
 * store at once: each row changes once.
 */
public final class Sweeper implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

  private final StateStore store;
  private final Clock clock;
  private final Consumer<Swept> onSwept;
  private ScheduledFuture<?> schedule;

  /** What one sweep changed. */
  public record Swept(List<String> grantsExpired, List<String> requestsExpired) {
    public Swept {
      grantsExpired = List.copyOf(grantsExpired);
      requestsExpired = List.copyOf(requestsExpired);
    }
  }

  public Sweeper(StateStore store, Clock clock) {
    this(store, clock, swept -> {});
  }

  /**
   * @param onSwept told of every sweep that changed something (the audit trail records it); a
   *     listener that throws is logged and the sweep still counts
   */
  public Sweeper(StateStore store, Clock clock, Consumer<Swept> onSwept) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onSwept = Objects.requireNonNull(onSwept, "onSwept");
  }

  /** One sweep, now. */
  public Swept sweep() {
    Instant now = clock.instant();
    Swept swept =
        store.inTransaction(
            tx -> {
              List<String> grants = tx.grants().markExpired(now);
              List<String> closed = new ArrayList<>(tx.requests().expirePending(now));
              closed.addAll(tx.requests().expireApprovedWithClosedGrant(now));
              return new Swept(grants, closed);
            });
    if (!swept.grantsExpired().isEmpty() || !swept.requestsExpired().isEmpty()) {
      try {
        onSwept.accept(swept);
      } catch (RuntimeException e) {
        log.warn("recording what the sweep expired failed: {}", e.getMessage());
      }
    }
    return swept;
  }

  /**
   * Sweeps now and then every {@code period} on {@code executor} until {@link #close()}. A failed
   * sweep is logged and the next one runs on schedule.
   */
  public synchronized void start(ScheduledExecutorService executor, Duration period) {
    if (schedule != null) {
      throw new IllegalStateException("the sweeper is already running");
    }
    schedule =
        executor.scheduleWithFixedDelay(
            this::sweepQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sweepQuietly() {
    try {
      Swept s = sweep();
      if (!s.grantsExpired().isEmpty() || !s.requestsExpired().isEmpty()) {
        log.info("expired grants {} and requests {}", s.grantsExpired(), s.requestsExpired());
      }
    } catch (RuntimeException e) {
      log.warn("sweeping expired grants and requests failed: {}", e.getMessage());
    }
  }

  /** Stops the periodic sweep; a sweep in progress finishes. */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
  }
}
