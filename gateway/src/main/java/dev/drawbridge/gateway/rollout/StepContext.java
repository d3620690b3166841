package dev.drawbridge.gateway.rollout;

import java.util.Optional;

/** What a step runner may ask of the rollout it runs in. */
public interface StepContext {

  /** The upstream database. */
  String database();

  /** Shows a progress message (blockers, throttling, retries). Best effort. */
  void report(String message);

  /** Set when the runner must stop at this boundary. */
  Optional<Stop> stop();

  /** Records the backfill's estimated total of rows to fill. */
  void rowsTotal(long rows);

  /**
   * Checkpoints one committed backfill batch.
   *
   * @throws Stopped with {@link Stop#LEASE_LOST} when this gateway no longer holds the lease
   */
  void checkpoint(String position, int batchSize, long rows) throws Stopped;

  /**
   * Records the upstream transaction {@code xid} of the step just before it commits, so that a
   * runner taking over after a crash knows whether it committed.
   *
   * @throws Stopped with {@link Stop#LEASE_LOST} when this gateway no longer holds the lease: the
   *     caller must roll back instead of committing
   */
  void committing(String xid) throws Stopped;

  /** The runner must stop: {@link #stop()} said so. */
  final class Stopped extends Exception {
    private final Stop reason;

    public Stopped(Stop reason) {
      super(reason.name(), null, false, false);
      this.reason = reason;
    }

    public Stop reason() {
      return reason;
    }
  }

  /** The step failed for good (after its retries); the message says why. */
  final class Failed extends Exception {
    public Failed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Throws when the runner must stop. */
  default void checkStop() throws Stopped {
    Optional<Stop> s = stop();
    if (s.isPresent()) {
      throw new Stopped(s.get());
    }
  }
}
