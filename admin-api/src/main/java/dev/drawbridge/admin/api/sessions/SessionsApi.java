package dev.drawbridge.admin.api.sessions;

import dev.drawbridge.admin.api.ApiException;
import dev.drawbridge.admin.api.ApiRequest;
import dev.drawbridge.admin.api.ApiResponse;
import dev.drawbridge.admin.api.Roles;
import dev.drawbridge.admin.api.Route;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/sessions} (admin, auditor) and {@code DELETE /api/v1/sessions/{id}} (admin,
 * with an optional {@code {"reason": "…"}}).
 */
public final class SessionsApi {

  private final LiveSessions sessions;

  public SessionsApi(LiveSessions sessions) {
    this.sessions = sessions;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/sessions", Roles.READERS, this::list),
        Route.delete("/api/v1/sessions/{id}", Roles.OPERATORS, this::end));
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Map.of("sessions", sessions.list()));
  }

  private ApiResponse end(ApiRequest request) {
    long id = request.pathNumber("id");
    String reason =
        request
            .text("reason")
            .filter(s -> !s.isBlank())
            .orElse("ended by " + request.principal().name());
    if (!sessions.end(id, reason)) {
      throw ApiException.notFound("no live session " + id);
    }
    return ApiResponse.ok(Map.of("ended", id, "reason", reason));
  }
}
