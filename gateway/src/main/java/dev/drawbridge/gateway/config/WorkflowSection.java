package dev.drawbridge.gateway.config;

import java.time.Duration;

/** The {@code workflow} settings as written, before validation; null means not set. */
public record WorkflowSection(
    Integer approvalsRequired,
    Duration defaultWindow,
    Duration maxWindow,
    Duration requestTimeout,
    Duration sweepInterval,
    Login readLogin,
    Login writeLogin,
    String onElevationExpiry,
    Duration grantRecheck) {

  /** A session login as written. */
  public record Login(String user, String password) {}

  /** The first five keys only. */
  public WorkflowSection(
      Integer approvalsRequired,
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
        null,
        null,
        null,
        null);
  }

  /** {@code base} with every value {@code over} sets replacing it. */
  static WorkflowSection merge(WorkflowSection base, WorkflowSection over) {
    if (base == null || over == null) {
      return over != null ? over : base;
    }
    return new WorkflowSection(
        pick(over.approvalsRequired, base.approvalsRequired),
        pick(over.defaultWindow, base.defaultWindow),
        pick(over.maxWindow, base.maxWindow),
        pick(over.requestTimeout, base.requestTimeout),
        pick(over.sweepInterval, base.sweepInterval),
        pick(over.readLogin, base.readLogin),
        pick(over.writeLogin, base.writeLogin),
        pick(over.onElevationExpiry, base.onElevationExpiry),
        pick(over.grantRecheck, base.grantRecheck));
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }
}
