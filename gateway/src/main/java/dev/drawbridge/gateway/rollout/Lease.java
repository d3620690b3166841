package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway's lease on one rollout: taken in the store when free or lapsed, renewed by a
 * heartbeat thread, and given up when the runner stops. Once a renewal finds the lease taken over,
 * {@link #lost()} is true for good and the runner must stop writing.
 */
final class Lease implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Lease.class);

  private final StateStore store;
  private final String rolloutId;
  private final String holder;
  private final Clock clock;
  private final Duration length;
  private final Duration heartbeat;
  private final Sleeper sleeper;
  private final AtomicBoolean lost = new AtomicBoolean();
  private Thread beat;

  Lease(
      StateStore store,
      String rolloutId,
      String holder,
      Clock clock,
      Duration length,
      Duration heartbeat,
      Sleeper sleeper) {
    this.store = Objects.requireNonNull(store, "store");
    this.rolloutId = Objects.requireNonNull(rolloutId, "rolloutId");
    this.holder = Objects.requireNonNull(holder, "holder");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.length = Objects.requireNonNull(length, "length");
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Takes the lease and starts the heartbeat; false when another gateway holds it. */
  boolean acquire() {
    boolean taken =
        store.inTransaction(
            tx ->
                tx.rollouts()
                    .claim(rolloutId, holder, clock.instant(), clock.instant().plus(length)));
    if (taken) {
      beat = Thread.ofVirtual().name("drawbridge-lease-" + rolloutId).start(this::beat);
    }
    return taken;
  }

  String holder() {
    return holder;
  }

  boolean lost() {
    return lost.get();
  }

  private void beat() {
    while (!lost.get() && !Thread.currentThread().isInterrupted()) {
      try {
        sleeper.sleep(heartbeat);
        boolean renewed =
            store.inTransaction(
                tx -> tx.rollouts().asHolderRenew(rolloutId, holder, clock.instant().plus(length)));
        if (!renewed) {
          log.warn("rollout {}: lease taken over by another gateway; stopping", rolloutId);
          lost.set(true);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the store is unreachable: keep trying while the lease may still be ours
        log.warn("rollout {}: cannot renew the lease: {}", rolloutId, e.toString());
      }
    }
  }

  /** Marks the lease as lost (a fenced write found it taken over). */
  void markLost() {
    lost.set(true);
  }

  /** Stops the heartbeat. The runner releases the lease in the store itself, with its status. */
  @Override
  public void close() {
    if (beat != null) {
      beat.interrupt();
      try {
        beat.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
