package dev.drawbridge.gateway.rollout;

import java.time.Duration;

/**
 * Adapts a backfill's batch size toward a target batch duration: the next size is the current one
 * scaled by target ÷ elapsed, at most doubled or halved per batch, and kept within bounds.
 */
public final class BatchSizer {

  private final Duration target;
  private final int min;
  private final int max;

  public BatchSizer(Duration target, int min, int max) {
    if (!target.isPositive() || min < 1 || max < min) {
      throw new IllegalArgumentException(
          "batch sizing needs a positive target and 1 <= min <= max");
    }
    this.target = target;
    this.min = min;
    this.max = max;
  }

  /** The size to start with: the plan's, within bounds. */
  public int initial(int planned) {
    return clamp(planned);
  }

  /** The size of the next batch after one of {@code size} rows took {@code elapsed}. */
  public int next(int size, Duration elapsed) {
    long nanos = Math.max(1, elapsed.toNanos());
    double factor = (double) target.toNanos() / nanos;
    factor = Math.max(0.5, Math.min(2.0, factor));
    return clamp((int) Math.round(size * factor));
  }

  private int clamp(long size) {
    return (int) Math.max(min, Math.min(max, size));
  }
}
