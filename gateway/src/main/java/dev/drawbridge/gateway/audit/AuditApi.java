package dev.drawbridge.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.admin.api.ApiException;
import dev.drawbridge.admin.api.ApiRequest;
import dev.drawbridge.admin.api.ApiResponse;
import dev.drawbridge.admin.api.Roles;
import dev.drawbridge.admin.api.Route;
import dev.drawbridge.gateway.store.AuditFilter;
import dev.drawbridge.gateway.store.AuditRow;
import dev.drawbridge.gateway.store.StoreUnavailableException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The audit trail in the admin API: search, one session's transcript, verification and the chain
 * heads. Auditors and admins read; there is no route that changes an event.
 */
public final class AuditApi {

  private static final Set<String> SEARCH_PARAMETERS =
      Set.of(
          "user",
          "session",
          "database",
          "table",
          "decision",
          "rule",
          "type",
          "from",
          "to",
          "limit");
  private static final Pattern HEAD = Pattern.compile("([^:]+):(\\d+):([0-9a-f]{64})");
  private static final int DEFAULT_LIMIT = 1000;

  private final AuditStore store;
  private final ObjectMapper json = new ObjectMapper();

  public AuditApi(AuditStore store) {
    this.store = store;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/audit/events", Roles.READERS, this::search),
        Route.get("/api/v1/audit/sessions/{id}", Roles.READERS, this::transcript),
        Route.get("/api/v1/audit/verify", Roles.READERS, this::verify),
        Route.get("/api/v1/audit/head", Roles.READERS, this::heads));
  }

  private ApiResponse search(ApiRequest r) {
    for (String name : r.query().keySet()) {
      if (!SEARCH_PARAMETERS.contains(name)) {
        throw ApiException.badRequest(
            "unknown parameter \""
                + name
                + "\"; known: "
                + String.join(", ", sorted(SEARCH_PARAMETERS)));
      }
    }
    AuditFilter filter;
    try {
      filter =
          new AuditFilter(
              text(r, "user"),
              text(r, "session"),
              text(r, "database"),
              text(r, "table"),
              text(r, "decision"),
              text(r, "rule"),
              text(r, "type"),
              instant(r, "from"),
              instant(r, "to"),
              limit(r));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    List<AuditRow> rows = call(() -> store.search(filter));
    List<Map<String, Object>> events = new ArrayList<>(rows.size());
    rows.forEach(row -> events.add(event(row)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("events", events);
    body.put("truncated", rows.size() == filter.limit());
    return ApiResponse.ok(body);
  }

  private ApiResponse transcript(ApiRequest r) {
    String id = r.path("id");
    AuditFilter filter =
        new AuditFilter(
            Optional.empty(),
            Optional.of(id),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            AuditFilter.MAX_LIMIT);
    List<AuditRow> rows = call(() -> store.search(filter));
    if (rows.isEmpty()) {
      throw ApiException.notFound("no audit events for session " + id);
    }
    Map<String, Map<String, Object>> outcomes = new HashMap<>();
    for (AuditRow row : rows) {
      if (row.type().equals("statement.outcome")) {
        outcomes.put(detail(row, "statement"), event(row));
      }
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (AuditRow row : rows) {
      if (row.type().equals("statement.outcome") && !"0".equals(detail(row, "statement"))) {
        continue; // shown with its statement
      }
      Map<String, Object> e = event(row);
      if (row.type().equals("statement")) {
        e.put("outcome", outcomes.get(detail(row, "statement")));
      }
      entries.add(e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("session", id);
    body.put("user", rows.getFirst().actor());
    body.put("database", rows.getFirst().database());
    body.put("events", entries);
    return ApiResponse.ok(body);
  }

  private ApiResponse verify(ApiRequest r) {
    Map<String, ChainHead> exported = new HashMap<>();
    for (String h : r.query().getOrDefault("head", List.of())) {
      var m = HEAD.matcher(h);
      if (!m.matches()) {
        throw ApiException.badRequest(
            "head must be GATEWAY:SEQ:SHA256 (as `audit head` prints it), not \"" + h + "\"");
      }
      exported.put(m.group(1), new ChainHead(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
    }
    List<ChainReport> reports = call(() -> new AuditVerifier(store).verify(exported));
    List<Map<String, Object>> chains = new ArrayList<>();
    boolean intact = true;
    for (ChainReport c : reports) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("gateway", c.gatewayId());
      m.put("events", c.events());
      m.put("head", head(c.head()));
      m.put("intact", c.intact());
      c.broken()
          .ifPresent(
              b -> {
                m.put("broken_at", b.seq());
                m.put("problem", b.problem());
              });
      intact &= c.intact();
      chains.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("intact", intact);
    body.put("chains", chains);
    return ApiResponse.ok(body);
  }

  private ApiResponse heads(ApiRequest r) {
    List<Map<String, Object>> heads = new ArrayList<>();
    call(() -> new AuditVerifier(store).heads()).forEach(h -> heads.add(head(h)));
    return ApiResponse.ok(Map.of("heads", heads));
  }

  static Map<String, Object> head(ChainHead h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gateway", h.gatewayId());
    m.put("seq", h.seq());
    m.put("hash", h.hash());
    return m;
  }

  private Map<String, Object> event(AuditRow row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gateway", row.gatewayId());
    m.put("seq", row.seq());
    m.put("at", row.occurredAt().toString());
    m.put("type", row.type());
    m.put("actor", row.actor());
    m.put("session", row.sessionId());
    m.put("database", row.database());
    m.put("decision", row.decision());
    m.put("rule", row.rule());
    m.put("tables", row.tables());
    m.put("details", parse(row.details()));
    m.put("prev_hash", row.prevHash());
    m.put("hash", row.hash());
    return m;
  }

  private JsonNode parse(String details) {
    try {
      return json.readTree(details);
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(details);
    }
  }

  private String detail(AuditRow row, String field) {
    JsonNode n = parse(row.details()).get(field);
    return n == null ? "" : n.asText();
  }

  private static Optional<String> text(ApiRequest r, String name) {
    Optional<String> v = r.queryParameter(name);
    if (v.isPresent() && v.get().isBlank()) {
      throw ApiException.badRequest(name + " must not be empty");
    }
    return v;
  }

  private static Optional<Instant> instant(ApiRequest r, String name) {
    return text(r, name)
        .map(
            v -> {
              try {
                return Instant.parse(v);
              } catch (DateTimeParseException e) {
                throw ApiException.badRequest(
                    name
                        + " must be an ISO-8601 instant such as 2026-11-25T10:00:00Z, not \""
                        + v
                        + "\"");
              }
            });
  }

  private static int limit(ApiRequest r) {
    Optional<String> v = text(r, "limit");
    if (v.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= 1 && n <= AuditFilter.MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "limit must be a whole number from 1 to "
            + AuditFilter.MAX_LIMIT
            + ", not \""
            + v.get()
            + "\"");
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (StoreUnavailableException e) {
      throw new ApiException(503, "unavailable", "the audit store is unavailable");
    }
  }
}
