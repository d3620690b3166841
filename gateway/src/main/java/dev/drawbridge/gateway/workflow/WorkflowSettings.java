package dev.drawbridge.gateway.workflow;

import dev.drawbridge.gateway.config.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How approvals work.
 *
 * @param approvalsRequired distinct approvers (never the requester) who must approve
 * @param defaultWindow how long a grant lasts when the approver names no window
 * @param maxWindow the longest window any grant gets; longer ones are cut to this
 * @param requestTimeout how long a request waits for a decision before it expires
 * @param sweepInterval how often the sweeper marks expired grants and requests
 */
public record WorkflowSettings(
    int approvalsRequired,
    Duration defaultWindow,
    Duration maxWindow,
    Duration requestTimeout,
    Duration sweepInterval) {

  public static final int DEFAULT_APPROVALS_REQUIRED = 1;
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  public static final Duration DEFAULT_MAX_WINDOW = Duration.ofHours(8);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofDays(7);
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(30);

  public WorkflowSettings {
    Objects.requireNonNull(defaultWindow, "defaultWindow");
    Objects.requireNonNull(maxWindow, "maxWindow");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    if (approvalsRequired < 1) {
      throw new IllegalArgumentException(
          "approvals-required must be at least 1, got " + approvalsRequired);
    }
    if (defaultWindow.toSeconds() < 1) {
      throw new IllegalArgumentException("default-window must be at least 1s");
    }
    if (maxWindow.compareTo(defaultWindow) < 0) {
      throw new IllegalArgumentException(
          "max-window ("
              + Durations.format(maxWindow)
              + ") must not be shorter than default-window ("
              + Durations.format(defaultWindow)
              + ")");
    }
    if (requestTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("request-timeout must be at least 1s");
    }
    if (sweepInterval.toMillis() < 100) {
      throw new IllegalArgumentException("sweep-interval must be at least 100ms");
    }
  }

  /** The defaults: one approver, 1h windows capped at 8h, requests wait 7 days, sweep every 30s. */
  public static WorkflowSettings defaults() {
    return new WorkflowSettings(
        DEFAULT_APPROVALS_REQUIRED,
        DEFAULT_WINDOW,
        DEFAULT_MAX_WINDOW,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_SWEEP_INTERVAL);
  }

  public WorkflowSettings withApprovalsRequired(int n) {
    return new WorkflowSettings(n, defaultWindow, maxWindow, requestTimeout, sweepInterval);
  }

  /** {@code requested}, or the default when absent, cut to the maximum. */
  Duration window(Optional<Duration> requested) {
    Duration w = requested.orElse(defaultWindow);
    return w.compareTo(maxWindow) > 0 ? maxWindow : w;
  }
}
