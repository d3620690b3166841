package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.gateway.store.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A backfill's progress: rows done of the estimated total, rows per second since it started, and
 * the time left at that rate.
 */
public record Progress(
    long rowsDone, OptionalLong rowsTotal, OptionalDouble rowsPerSecond, Optional<Duration> eta) {

  public static Progress of(RolloutStepRecord step, Instant now) {
    OptionalDouble rate = OptionalDouble.empty();
    Optional<Duration> eta = Optional.empty();
    if (step.startedAt().isPresent() && step.rowsDone() > 0) {
      Instant end = step.finishedAt().orElse(now);
      double seconds =
          Math.max(0.001, Duration.between(step.startedAt().get(), end).toMillis() / 1000.0);
      rate = OptionalDouble.of(step.rowsDone() / seconds);
      if (step.rowsTotal().isPresent() && step.status() != StepStatus.DONE) {
        long left = Math.max(0, step.rowsTotal().getAsLong() - step.rowsDone());
        eta = Optional.of(Duration.ofMillis((long) (left / rate.getAsDouble() * 1000)));
      }
    }
    return new Progress(step.rowsDone(), step.rowsTotal(), rate, eta);
  }
}
