package dev.drawbridge.gateway.admin;

import dev.drawbridge.admin.api.AdminPrincipal;
import dev.drawbridge.admin.api.ApiException;
import dev.drawbridge.admin.api.ApiRequest;
import dev.drawbridge.admin.api.ApiResponse;
import dev.drawbridge.admin.api.Roles;
import dev.drawbridge.admin.api.Route;
import dev.drawbridge.gateway.config.Durations;
import dev.drawbridge.gateway.rollout.Progress;
import dev.drawbridge.gateway.rollout.RolloutService;
import dev.drawbridge.gateway.rollout.RolloutView;
import dev.drawbridge.gateway.store.RolloutRecord;
import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.gateway.workflow.WorkflowException;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.access.PrincipalKind;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin API's rollouts: {@code apply} of an approved request by its requester, and the rollouts
 * it starts. Approvers and admins control them (pause, resume, cancel, rollback); auditors,
 * approvers and admins read all of them, engineers and agents their own.
 */
public final class RolloutApi {

  private static final Set<String> READERS =
      Set.of(Roles.ADMIN, Roles.APPROVER, Roles.AUDITOR, Roles.ENGINEER, Roles.AGENT);
  private static final Set<String> SEE_ALL = Set.of(Roles.ADMIN, Roles.APPROVER, Roles.AUDITOR);
  private static final Set<String> CONTROL = Set.of(Roles.ADMIN, Roles.APPROVER);
  private static final Set<String> APPLIERS =
      Set.of(Roles.ADMIN, Roles.APPROVER, Roles.ENGINEER, Roles.AGENT);
  private static final int MAX_LIMIT = 1000;

  private final Optional<RolloutService> rollouts;
  private final Clock clock;

  /**
   * @param rollouts the executor; empty when the gateway has none (no {@code rollout:} section),
   *     and every route then says so
   */
  public RolloutApi(Optional<RolloutService> rollouts, Clock clock) {
    this.rollouts = rollouts;
    this.clock = clock;
  }

  private RolloutService rollouts() {
    return rollouts.orElseThrow(
        () ->
            new ApiException(
                503,
                "not_configured",
                "this gateway has no rollout executor: configure the rollout: section"
                    + " (rollout.ddl-user) to apply approved plans"));
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/requests/{id}/apply", APPLIERS, this::apply),
        Route.get("/api/v1/rollouts", READERS, this::list),
        Route.get("/api/v1/rollouts/{id}", READERS, this::show),
        Route.post(
            "/api/v1/rollouts/{id}/pause", CONTROL, r -> control(r, id -> rollouts().pause(id))),
        Route.post(
            "/api/v1/rollouts/{id}/resume", CONTROL, r -> control(r, id -> rollouts().resume(id))),
        Route.post(
            "/api/v1/rollouts/{id}/cancel", CONTROL, r -> control(r, id -> rollouts().cancel(id))),
        Route.post(
            "/api/v1/rollouts/{id}/rollback",
            CONTROL,
            r -> control(r, id -> rollouts().rollback(id))));
  }

  private ApiResponse apply(ApiRequest r) {
    RolloutRecord started = call(() -> rollouts().apply(r.path("id"), principal(r)));
    return ApiResponse.created(view(call(() -> rollouts().show(started.id()))));
  }

  private ApiResponse list(ApiRequest r) {
    Optional<String> requester = r.queryParameter("requester");
    if (!seesAll(r.principal())) {
      if (requester.isPresent() && !requester.get().equals(r.principal().name())) {
        throw ApiException.forbidden("you can list only your own rollouts");
      }
      requester = Optional.of(r.principal().name());
    }
    Optional<String> owner = requester;
    int limit = limit(r);
    List<Map<String, Object>> list =
        call(() -> rollouts().list(owner, limit)).stream().map(this::summary).toList();
    return ApiResponse.ok(Map.of("rollouts", list));
  }

  private ApiResponse show(ApiRequest r) {
    RolloutView v = call(() -> rollouts().show(r.path("id")));
    if (!seesAll(r.principal()) && !v.rollout().requester().equals(r.principal().name())) {
      throw ApiException.notFound("no rollout " + r.path("id"));
    }
    return ApiResponse.ok(view(v));
  }

  @FunctionalInterface
  private interface Control {
    RolloutView apply(String id);
  }

  private ApiResponse control(ApiRequest r, Control action) {
    return ApiResponse.ok(view(call(() -> action.apply(r.path("id")))));
  }

  private Map<String, Object> summary(RolloutRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("requestId", r.requestId());
    m.put("grantId", r.grantId().orElse(null));
    m.put("database", r.database());
    m.put("requester", r.requester());
    m.put("fingerprint", r.fingerprint());
    m.put("status", r.status().label());
    m.put("requested", r.requested().label());
    m.put("holder", r.holder().orElse(null));
    m.put("leaseUntil", r.leaseUntil().map(Object::toString).orElse(null));
    m.put("message", r.message());
    m.put("createdAt", r.createdAt().toString());
    m.put("updatedAt", r.updatedAt().toString());
    m.put("finishedAt", r.finishedAt().map(Object::toString).orElse(null));
    return m;
  }

  private Map<String, Object> view(RolloutView v) {
    Map<String, Object> m = summary(v.rollout());
    m.put("steps", v.steps().stream().map(this::step).toList());
    long done = v.steps().stream().filter(s -> s.status().label().equals("done")).count();
    m.put("stepsDone", done);
    m.put("stepsTotal", v.steps().size());
    return m;
  }

  private Map<String, Object> step(RolloutStepRecord s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", s.number());
    m.put("kind", s.kind());
    m.put("description", s.description());
    m.put("status", s.status().label());
    m.put("sql", s.statements());
    m.put("rollback", s.rollback());
    m.put("transactional", s.transactional());
    m.put("attempts", s.attempts());
    m.put("startedAt", s.startedAt().map(Object::toString).orElse(null));
    m.put("finishedAt", s.finishedAt().map(Object::toString).orElse(null));
    m.put("message", s.message());
    if (s.backfillJson().isPresent()) {
      Progress p = Progress.of(s, clock.instant());
      Map<String, Object> progress = new LinkedHashMap<>();
      progress.put("rowsDone", p.rowsDone());
      progress.put("rowsTotal", p.rowsTotal().isPresent() ? p.rowsTotal().getAsLong() : null);
      progress.put(
          "rowsPerSecond",
          p.rowsPerSecond().isPresent() ? Math.round(p.rowsPerSecond().getAsDouble()) : null);
      progress.put("eta", p.eta().map(Durations::format).orElse(null));
      progress.put("batches", s.batches());
      progress.put("batchSize", s.batchSize().orElse(null));
      progress.put("checkpoint", s.checkpoint().orElse(null));
      m.put("progress", progress);
    }
    return m;
  }

  private static boolean seesAll(AdminPrincipal p) {
    return p.hasAnyRole(SEE_ALL);
  }

  private static Principal principal(ApiRequest r) {
    AdminPrincipal p = r.principal();
    return new Principal(
        p.name(), p.roles(), p.agent() ? PrincipalKind.AGENT : PrincipalKind.HUMAN);
  }

  private static int limit(ApiRequest r) {
    Optional<String> limit = r.queryParameter("limit");
    if (limit.isEmpty()) {
      return 100;
    }
    try {
      int n = Integer.parseInt(limit.get());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (WorkflowException.NotFound e) {
      throw ApiException.notFound(e.getMessage());
    } catch (WorkflowException.Forbidden e) {
      throw ApiException.forbidden(e.getMessage());
    } catch (WorkflowException.Conflict e) {
      throw ApiException.conflict(e.getMessage());
    } catch (WorkflowException.Invalid e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
