package dev.drawbridge.gateway.config;

import java.time.Duration;

/** The {@code workflow} settings as written, before validation; null means not set. */
public record WorkflowSection(
    Integer approvalsRequired,
    Duration defaultWindow,
    Duration maxWindow,
    Duration requestTimeout,
    Duration sweepInterval) {

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
        pick(over.sweepInterval, base.sweepInterval));
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }
}
