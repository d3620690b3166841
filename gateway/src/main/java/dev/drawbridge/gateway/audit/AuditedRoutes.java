package dev.drawbridge.gateway.audit;

import dev.drawbridge.admin.api.ApiException;
import dev.drawbridge.admin.api.ApiResponse;
import dev.drawbridge.admin.api.Route;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Records every admin API call that changes something (approvals, denials, revocations, elevations,
 * ended sessions) before it takes effect, and its result after. If the event cannot be stored the
 * call is refused with 503: a privileged operation never goes unrecorded. Reads are not recorded.
 */
public final class AuditedRoutes {

  private final AuditLog log;
  private final Clock clock;
  private final WorkflowMeters meters;

  public AuditedRoutes(AuditLog log, Clock clock, WorkflowMeters meters) {
    this.meters = meters;
    this.log = log;
    this.clock = clock;
  }

  public List<Route> wrap(List<Route> routes) {
    List<Route> out = new ArrayList<>(routes.size());
    for (Route r : routes) {
      out.add(r.method().equals("GET") ? r : audited(r));
    }
    return out;
  }

  private Route audited(Route route) {
    return new Route(
        route.method(),
        route.template(),
        route.roles(),
        request -> {
          TreeMap<String, String> details = new TreeMap<>();
          details.put("method", route.method());
          details.put("route", route.template());
          request.pathParameters().forEach((k, v) -> details.put("path." + k, v));
          if (request.body().isObject()) {
            request
                .body()
                .properties()
                .forEach(e -> details.put("body." + e.getKey(), e.getValue().asText()));
          }
          try {
            log.recordBeforeEffect(
                AuditEvent.of(
                    clock.instant(), "admin.action", request.principal().name(), details));
          } catch (AuditUnavailableException e) {
            throw new ApiException(
                503,
                "audit_unavailable",
                "the audit log cannot record this action, so it was not done");
          }
          TreeMap<String, String> result = new TreeMap<>(details);
          try {
            ApiResponse response = route.handler().handle(request);
            result.put("status", Integer.toString(response.status()));
            return response;
          } catch (ApiException e) {
            result.put("status", Integer.toString(e.status()));
            result.put("error", e.getMessage());
            throw e;
          } catch (RuntimeException e) {
            result.put("status", "500");
            throw e;
          } finally {
            meters.adminAction(route.template(), Integer.parseInt(result.get("status")));
            log.record(
                AuditEvent.of(
                    clock.instant(), "admin.action.result", request.principal().name(), result));
          }
        });
  }
}
