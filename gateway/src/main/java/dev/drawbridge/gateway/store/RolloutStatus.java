package dev.drawbridge.gateway.store;

import java.util.Locale;

/** Where a rollout is. */
public enum RolloutStatus {
  /** Created or resumed; waits for a gateway to take its lease. */
  QUEUED,
  /** A gateway holds the lease and runs its steps. */
  RUNNING,
  /** An operator paused it; {@code resume} queues it again. */
  PAUSED,
  /** A manual step waits for an operator to do it and {@code resume}. */
  WAITING,
  /** Every step ran. */
  COMPLETED,
  /** A step failed; {@code resume} retries it, {@code rollback} undoes the completed steps. */
  FAILED,
  /** An operator cancelled it; completed steps stay until a {@code rollback}. */
  CANCELLED,
  /** The rollback SQL of the completed steps is running, last step first. */
  ROLLING_BACK,
  /** Every completed step was undone. */
  ROLLED_BACK;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True when a runner should be working on it. */
  public boolean runnable() {
    return this == QUEUED || this == RUNNING || this == ROLLING_BACK;
  }

  /** True when nothing more will happen to it. */
  public boolean finished() {
    return this == COMPLETED || this == ROLLED_BACK;
  }

  public static RolloutStatus parse(String label) {
    for (RolloutStatus s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown rollout status " + label);
  }
}
