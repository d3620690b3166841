package dev.drawbridge.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.admin.api.AdminPrincipal;
import dev.drawbridge.admin.api.ApiException;
import dev.drawbridge.admin.api.ApiRequest;
import dev.drawbridge.admin.api.ApiResponse;
import dev.drawbridge.admin.api.Roles;
import dev.drawbridge.admin.api.Route;
import dev.drawbridge.gateway.config.ConfigException;
import dev.drawbridge.gateway.config.Durations;
import dev.drawbridge.gateway.store.AccessLevel;
import dev.drawbridge.gateway.store.ApprovalRecord;
import dev.drawbridge.gateway.store.ChangeRequestRecord;
import dev.drawbridge.gateway.store.GrantFilter;
import dev.drawbridge.gateway.store.GrantRecord;
import dev.drawbridge.gateway.store.GrantScope;
import dev.drawbridge.gateway.store.RequestFilter;
import dev.drawbridge.gateway.store.RequestStatus;
import dev.drawbridge.gateway.store.RequestSubject;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.ChangeRequestTicket;
import dev.drawbridge.gateway.workflow.RequestDetails;
import dev.drawbridge.gateway.workflow.WorkflowException;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.access.PrincipalKind;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin API's change requests, approvals, grants and elevations, over the {@link
 * ApprovalWorkflow}. Approvers, auditors and admins see everything; engineers and agents see their
 * own requests and grants. Who may approve is the workflow's rule (four-eyes, no agents), so its
 * refusals come back as 403 with its reason.
 */
public final class WorkflowApi {

  private static final Set<String> EVERYONE =
      Set.of(Roles.ADMIN, Roles.APPROVER, Roles.AUDITOR, Roles.ENGINEER, Roles.AGENT);
  private static final Set<String> SEE_ALL = Set.of(Roles.ADMIN, Roles.APPROVER, Roles.AUDITOR);
  private static final int MAX_LIMIT = 1000;

  private final ApprovalWorkflow workflow;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public WorkflowApi(ApprovalWorkflow workflow, Clock clock) {
    this.workflow = workflow;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/requests", EVERYONE, this::listRequests),
        Route.get("/api/v1/requests/{id}", EVERYONE, this::showRequest),
        Route.post("/api/v1/requests/{id}/approve", Set.of(Roles.APPROVER), this::approve),
        Route.post("/api/v1/requests/{id}/deny", Set.of(Roles.APPROVER), this::deny),
        Route.get("/api/v1/grants", EVERYONE, this::listGrants),
        Route.post("/api/v1/grants/{id}/revoke", Set.of(Roles.ADMIN, Roles.APPROVER), this::revoke),
        Route.post(
            "/api/v1/elevations", Set.of(Roles.ENGINEER, Roles.AGENT, Roles.ADMIN), this::elevate));
  }

  // ---------------------------------------------------------------- requests

  private ApiResponse listRequests(ApiRequest r) {
    RequestFilter filter = RequestFilter.all();
    Optional<String> status = r.queryParameter("status");
    if (status.isPresent()) {
      try {
        filter = filter.withStatus(RequestStatus.parse(status.get()));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "status must be one of pending, approved, denied, applied, expired, revoked");
      }
    }
    Optional<String> requester = visibleOwner(r, r.queryParameter("requester"), "requests");
    if (requester.isPresent()) {
      filter = filter.withRequester(requester.get());
    }
    Optional<String> database = r.queryParameter("database");
    if (database.isPresent()) {
      filter = filter.withDatabase(database.get());
    }
    filter =
        new RequestFilter(
            filter.status(), filter.requester(), filter.database(), filter.kind(), limit(r));
    RequestFilter f = filter;
    List<Map<String, Object>> requests =
        call(() -> workflow.requests(f)).stream().map(this::summary).toList();
    return ApiResponse.ok(Map.of("requests", requests));
  }

  private ApiResponse showRequest(ApiRequest r) {
    RequestDetails details = call(() -> workflow.request(r.path("id")));
    if (!seesAll(r.principal()) && !details.request().requester().equals(r.principal().name())) {
      // the same answer as for a missing request: ids of others' requests are not revealed
      throw ApiException.notFound("no change request " + r.path("id"));
    }
    return ApiResponse.ok(details(details));
  }

  private ApiResponse approve(ApiRequest r) {
    Optional<Duration> window = r.text("window").map(WorkflowApi::duration);
    String comment = r.text("comment").orElse("");
    return ApiResponse.ok(
        details(call(() -> workflow.approve(r.path("id"), principal(r), comment, window))));
  }

  private ApiResponse deny(ApiRequest r) {
    String comment = r.text("comment").orElse("");
    return ApiResponse.ok(details(call(() -> workflow.deny(r.path("id"), principal(r), comment))));
  }

  // ---------------------------------------------------------------- grants

  private ApiResponse listGrants(ApiRequest r) {
    GrantFilter filter = GrantFilter.all();
    Optional<String> subject = visibleOwner(r, r.queryParameter("subject"), "grants");
    if (subject.isPresent()) {
      filter = filter.withSubject(subject.get());
    }
    Optional<String> database = r.queryParameter("database");
    if (database.isPresent()) {
      filter = filter.withDatabase(database.get());
    }
    if (r.queryParameter("active").map(Boolean::parseBoolean).orElse(false)) {
      filter = filter.activeAt(clock.instant());
    }
    GrantFilter f =
        new GrantFilter(filter.subject(), filter.database(), filter.activeAt(), limit(r));
    List<Map<String, Object>> grants =
        call(() -> workflow.grants(f)).stream().map(this::grant).toList();
    return ApiResponse.ok(Map.of("grants", grants));
  }

  private ApiResponse revoke(ApiRequest r) {
    return ApiResponse.ok(grant(call(() -> workflow.revoke(r.path("id"), principal(r)))));
  }

  private ApiResponse elevate(ApiRequest r) {
    String database = r.requiredText("database");
    AccessLevel level;
    try {
      level = AccessLevel.parse(r.requiredText("level"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Duration duration = duration(r.requiredText("duration"));
    String reason = r.text("reason").orElse("");
    ChangeRequestTicket ticket =
        call(() -> workflow.requestElevation(principal(r), database, level, duration, reason));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", ticket.id());
    body.put("status", ticket.status());
    body.put("reused", ticket.reused());
    return ticket.reused() ? ApiResponse.ok(body) : ApiResponse.created(body);
  }

  // ---------------------------------------------------------------- helpers

  private static boolean seesAll(AdminPrincipal p) {
    return p.hasAnyRole(SEE_ALL);
  }

  /**
   * Whose requests or grants a list shows: the one asked for (or everyone's) for those who see
   * everything; the caller's own for everyone else, who may not ask for someone else's.
   */
  private static Optional<String> visibleOwner(ApiRequest r, Optional<String> asked, String what) {
    if (seesAll(r.principal())) {
      return asked;
    }
    if (asked.isPresent() && !asked.get().equals(r.principal().name())) {
      throw ApiException.forbidden("you can list only your own " + what);
    }
    return Optional.of(r.principal().name());
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

  private static Duration duration(String text) {
    try {
      return Durations.parse(text);
    } catch (ConfigException | IllegalArgumentException e) {
      throw ApiException.badRequest(
          "\"" + text + "\" is not a duration; write it like 90s, 30m, 1h, 2d or PT2H30M");
    }
  }

  /** Runs a workflow call, turning its refusals into API errors. */
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

  private Map<String, Object> summary(ChangeRequestRecord c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("kind", c.subject().kind());
    m.put("status", c.status().label());
    m.put("requester", c.requester());
    m.put("requesterKind", c.requesterKind().name().toLowerCase(java.util.Locale.ROOT));
    m.put("database", c.database());
    m.put("reason", c.reason());
    m.put("approvalsRequired", c.approvalsRequired());
    m.put("createdAt", c.createdAt().toString());
    m.put("updatedAt", c.updatedAt().toString());
    m.put("pendingUntil", c.pendingUntil().toString());
    switch (c.subject()) {
      case RequestSubject.StatementChange s -> {
        m.put("statement", s.statement());
        m.put("fingerprint", s.fingerprint());
      }
      case RequestSubject.Elevation e -> {
        m.put("level", e.level().label());
        m.put("duration", Durations.format(e.duration()));
      }
    }
    return m;
  }

  private Map<String, Object> details(RequestDetails d) {
    Map<String, Object> m = summary(d.request());
    if (d.request().subject() instanceof RequestSubject.StatementChange s) {
      m.put("plan", parse(s.planJson()));
      m.put("risk", parse(s.riskJson()));
      m.put("facts", parse(s.factsJson()));
    }
    m.put("decisions", d.decisions().stream().map(WorkflowApi::decision).toList());
    m.put("grant", d.grant().map(this::grant).orElse(null));
    return m;
  }

  private static Map<String, Object> decision(ApprovalRecord a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("approver", a.approver());
    m.put("decision", a.decision().label());
    m.put("comment", a.comment());
    m.put("window", a.window().map(Durations::format).orElse(null));
    m.put("decidedAt", a.decidedAt().toString());
    return m;
  }

  private Map<String, Object> grant(GrantRecord g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", g.id());
    m.put("subject", g.subject());
    m.put("database", g.database());
    switch (g.scope()) {
      case GrantScope.Plan p ->
          m.put("scope", Map.of("kind", "plan", "fingerprint", p.fingerprint()));
      case GrantScope.Access a ->
          m.put("scope", Map.of("kind", "access", "level", a.level().label()));
    }
    m.put("notBefore", g.notBefore().toString());
    m.put("expiresAt", g.expiresAt().toString());
    m.put("revokedAt", g.revokedAt().map(Object::toString).orElse(null));
    m.put("revokedBy", g.revokedBy().orElse(null));
    m.put("usedAt", g.usedAt().map(Object::toString).orElse(null));
    m.put("useCount", g.useCount());
    m.put("requestId", g.requestId());
    m.put("active", g.activeAt(clock.instant()));
    return m;
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(text);
    }
  }
}
