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
 * @param readLogin the upstream login of sessions at the read level (gateway auth mode); empty: the
 *     upstream's own user
 * @param writeLogin the upstream login of sessions at the write level, which a JIT elevation to
 *     write or ddl switches to; empty: the upstream's own user
 * @param onElevationExpiry what happens to a session whose elevation ends
 * @param grantRecheck how often an elevated session checks that its grant still stands (revoked
 *     grants end within this time)
 */
public record WorkflowSettings(
    int approvalsRequired,
    Duration defaultWindow,
    Duration maxWindow,
    Duration requestTimeout,
    Duration sweepInterval,
    Optional<SessionLogin> readLogin,
    Optional<SessionLogin> writeLogin,
    ElevationExpiry onElevationExpiry,
    Duration grantRecheck) {

  public static final int DEFAULT_APPROVALS_REQUIRED = 1;
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  public static final Duration DEFAULT_MAX_WINDOW = Duration.ofHours(8);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofDays(7);
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_GRANT_RECHECK = Duration.ofSeconds(10);

  public WorkflowSettings {
    Objects.requireNonNull(defaultWindow, "defaultWindow");
    Objects.requireNonNull(maxWindow, "maxWindow");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    Objects.requireNonNull(readLogin, "readLogin");
    Objects.requireNonNull(writeLogin, "writeLogin");
    Objects.requireNonNull(onElevationExpiry, "onElevationExpiry");
    Objects.requireNonNull(grantRecheck, "grantRecheck");
    if (grantRecheck.toMillis() < 100) {
      throw new IllegalArgumentException("grant-recheck must be at least 100ms");
    }
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

  /** No per-level session logins; elevations end by switching back, rechecked every 10s. */
  public WorkflowSettings(
      int approvalsRequired,
      Duration defaultWindow,
      Duration maxWindow,
      Duration requestTimeout,
      Duration sweepInterval) {
    this(
        approvalsRequired,
        defaultWindow,
        maxWindow,
        requestTimeout,
        sweepInterval,
        Optional.empty(),
        Optional.empty(),
        ElevationExpiry.SWITCH_BACK,
        DEFAULT_GRANT_RECHECK);
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
    return new WorkflowSettings(
        n,
        defaultWindow,
        maxWindow,
        requestTimeout,
        sweepInterval,
        readLogin,
        writeLogin,
        onElevationExpiry,
        grantRecheck);
  }

  /** These settings with per-level session logins. */
  public WorkflowSettings withSessionLogins(
      Optional<SessionLogin> read, Optional<SessionLogin> write) {
    return new WorkflowSettings(
        approvalsRequired,
        defaultWindow,
        maxWindow,
        requestTimeout,
        sweepInterval,
        read,
        write,
        onElevationExpiry,
        grantRecheck);
  }

  /** These settings with another expiry behaviour and recheck interval. */
  public WorkflowSettings withElevationExpiry(ElevationExpiry expiry, Duration recheck) {
    return new WorkflowSettings(
        approvalsRequired,
        defaultWindow,
        maxWindow,
        requestTimeout,
        sweepInterval,
        readLogin,
        writeLogin,
        expiry,
        recheck);
  }

  /** {@code requested}, or the default when absent, cut to the maximum. */
  Duration window(Optional<Duration> requested) {
    Duration w = requested.orElse(defaultWindow);
    return w.compareTo(maxWindow) > 0 ? maxWindow : w;
  }
}
