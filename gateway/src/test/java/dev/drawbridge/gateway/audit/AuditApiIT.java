package dev.drawbridge.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class AuditApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private final HttpClient http = HttpClient.newHttpClient();
  private AuditServer server;

  record Answer(int status, JsonNode body) {}

  @BeforeEach
  void start(TestPostgres pg) throws Exception {
    server = new AuditServer(pg);
    List<AuditEvent> events = new ArrayList<>();
    events.add(statement(0, "alice", "s1", "shop", "allow", null, "orders"));
    events.add(statement(60, "alice", "s1", "shop", "deny", "42501", "customers"));
    events.add(statement(120, "bob", "s2", "billing", "allow", null, "invoices"));
    events.add(statement(180, "bob", "s2", "shop", "needs-approval", "42501", "orders"));
    for (AuditEvent e : events) {
      server.log.recordAhead(e, false).get(20, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static AuditEvent statement(
      int seconds,
      String user,
      String session,
      String db,
      String decision,
      String rule,
      String table) {
    TreeMap<String, String> d = new TreeMap<>();
    d.put("text", "UPDATE " + table + " SET x = ?");
    d.put("statement", "1");
    return new AuditEvent(
        T0.plusSeconds(seconds), "statement", user, session, db, decision, rule, List.of(table), d);
  }

  private Answer call(String method, String user, String path) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.base + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8)));
    b =
        method.equals("GET")
            ? b.GET()
            : b.method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  private List<String> tablesOf(String query) throws Exception {
    Answer a = call("GET", "carol", "/api/v1/audit/events?" + query);
    assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    a.body().path("events").forEach(e -> out.add(e.path("tables").get(0).asText()));
    return out;
  }

  @Test
  void everyFilterNarrowsTheSearch() throws Exception {
    assertThat(tablesOf("")).containsExactly("orders", "customers", "invoices", "orders");
    assertThat(tablesOf("user=alice")).containsExactly("orders", "customers");
    assertThat(tablesOf("session=s2")).containsExactly("invoices", "orders");
    assertThat(tablesOf("database=billing")).containsExactly("invoices");
    assertThat(tablesOf("table=orders")).containsExactly("orders", "orders");
    assertThat(tablesOf("decision=deny")).containsExactly("customers");
    assertThat(tablesOf("rule=42501")).containsExactly("customers", "orders");
    assertThat(tablesOf("type=statement&user=bob&decision=allow")).containsExactly("invoices");
    String from = URLEncoder.encode(T0.plusSeconds(60).toString(), StandardCharsets.UTF_8);
    String to = URLEncoder.encode(T0.plusSeconds(180).toString(), StandardCharsets.UTF_8);
    assertThat(tablesOf("from=" + from + "&to=" + to)).containsExactly("customers", "invoices");
    Answer limited = call("GET", "carol", "/api/v1/audit/events?limit=1");
    assertThat(limited.body().path("events")).hasSize(1);
    assertThat(limited.body().path("truncated").asBoolean()).isTrue();
  }

  @Test
  void badInputIsAnsweredWithClearClientErrors() throws Exception {
    Answer badTime = call("GET", "carol", "/api/v1/audit/events?from=yesterday");
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(badTime.body().path("error").path("message").asText())
        .contains("from must be an ISO-8601 instant");
    Answer badLimit = call("GET", "carol", "/api/v1/audit/events?limit=0");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.body().toString()).contains("limit must be a whole number from 1 to 10000");
    Answer unknown = call("GET", "carol", "/api/v1/audit/events?usr=alice");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().toString()).contains("unknown parameter \\\"usr\\\"");
    Answer backwards =
        call(
            "GET",
            "carol",
            "/api/v1/audit/events?from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.body().toString()).contains("ends before it starts");
    Answer badHead = call("GET", "carol", "/api/v1/audit/verify?head=nonsense");
    assertThat(badHead.status()).isEqualTo(400);
    assertThat(badHead.body().toString()).contains("GATEWAY:SEQ:SHA256");
    assertThat(call("GET", "carol", "/api/v1/audit/sessions/nope").status()).isEqualTo(404);
    assertThat(call("GET", "alice", "/api/v1/audit/events").status())
        .as("engineers do not read the trail")
        .isEqualTo(403);
    assertThat(call("DELETE", "carol", "/api/v1/audit/events").status())
        .as("nobody edits")
        .isIn(404, 405);
  }

  @Test
  void aTranscriptPairsStatementsWithOutcomesAndVerifyFindsTampering() throws Exception {
    TreeMap<String, String> outcome = new TreeMap<>();
    outcome.put("statement", "1");
    outcome.put("result", "ok");
    outcome.put("rows", "3");
    server
        .log
        .recordAhead(
            new AuditEvent(
                T0.plusSeconds(1),
                "statement.outcome",
                "alice",
                "s1",
                "shop",
                null,
                null,
                List.of(),
                outcome),
            false)
        .get(20, TimeUnit.SECONDS);
    Answer t = call("GET", "carol", "/api/v1/audit/sessions/s1");
    assertThat(t.status()).isEqualTo(200);
    assertThat(t.body().path("user").asText()).isEqualTo("alice");
    JsonNode first = t.body().path("events").get(0);
    assertThat(first.path("outcome").path("details").path("rows").asText()).isEqualTo("3");

    Answer ok = call("GET", "carol", "/api/v1/audit/verify");
    assertThat(ok.body().path("intact").asBoolean()).isTrue();
    Answer heads = call("GET", "carol", "/api/v1/audit/head");
    JsonNode h = heads.body().path("heads").get(0);
    String head =
        h.path("gateway").asText() + ":" + h.path("seq").asText() + ":" + h.path("hash").asText();

    server.tamper(
        "DELETE FROM drawbridge.audit_events WHERE seq = (SELECT max(seq) FROM drawbridge.audit_events)");
    assertThat(call("GET", "carol", "/api/v1/audit/verify").body().path("intact").asBoolean())
        .isTrue();
    Answer cut =
        call(
            "GET",
            "carol",
            "/api/v1/audit/verify?head=" + URLEncoder.encode(head, StandardCharsets.UTF_8));
    assertThat(cut.body().path("intact").asBoolean()).isFalse();
    assertThat(cut.body().path("chains").get(0).path("problem").asText())
        .contains("deleted from the end");

    server.tamper("UPDATE drawbridge.audit_events SET decision = 'allow' WHERE seq = 2");
    Answer edited = call("GET", "carol", "/api/v1/audit/verify");
    assertThat(edited.body().path("chains").get(0).path("broken_at").asLong()).isEqualTo(2);
  }

  @Test
  void anApprovalIsRecordedBeforeItTakesEffectAndRefusedWhenItCannotBe() throws Exception {
    String id = server.open("alice");
    Answer approved = call("POST", "bob", "/api/v1/requests/" + id + "/approve");
    assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
    Answer actions = call("GET", "carol", "/api/v1/audit/events?type=admin.action&user=bob");
    JsonNode action = actions.body().path("events").get(0);
    assertThat(action.path("details").path("route").asText())
        .isEqualTo("/api/v1/requests/{id}/approve");
    assertThat(action.path("details").path("path.id").asText()).isEqualTo(id);

    String other = server.open("eve");
    server.tamper("ALTER TABLE drawbridge.audit_events RENAME TO audit_events_away");
    Answer refused = call("POST", "bob", "/api/v1/requests/" + other + "/approve");
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body().toString()).contains("cannot record this action");
    server.tamper("ALTER TABLE drawbridge.audit_events_away RENAME TO audit_events");
    assertThat(server.workflow.request(other).request().status().toString().toLowerCase())
        .as("the approval did not happen")
        .isEqualTo("pending");
  }
}
