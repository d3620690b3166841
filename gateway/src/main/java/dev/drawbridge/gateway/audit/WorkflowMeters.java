package dev.drawbridge.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Change requests, approvals and grants as they pass the audit trail: requests the gate opened,
 * grants it used, and admin API actions by route template and status class (low cardinality).
 */
public final class WorkflowMeters {

  public static final String REQUESTS_OPENED = "drawbridge.workflow.requests.opened";
  public static final String GRANTS_USED = "drawbridge.workflow.grants.used";
  public static final String ADMIN_ACTIONS = "drawbridge.admin.actions";

  private final MeterRegistry registry;
  private final Counter opened;
  private final Counter used;

  public WorkflowMeters(MeterRegistry registry) {
    this.registry = registry;
    this.opened =
        Counter.builder(REQUESTS_OPENED)
            .description("Change requests the gate opened")
            .register(registry);
    this.used = Counter.builder(GRANTS_USED).description("Grants the gate used").register(registry);
  }

  void requestOpened() {
    opened.increment();
  }

  void grantUsed() {
    used.increment();
  }

  /** An admin API call that changes something (approve, deny, revoke, elevate, end session). */
  void adminAction(String route, int status) {
    Counter.builder(ADMIN_ACTIONS)
        .description("Admin API calls that change something")
        .tag("route", route)
        .tag("status", (status / 100) + "xx")
        .register(registry)
        .increment();
  }
}
