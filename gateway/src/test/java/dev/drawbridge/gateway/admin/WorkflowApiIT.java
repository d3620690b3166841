package dev.drawbridge.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.MutableClock;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests, approvals, grants and elevations over HTTP, on a real state store. */
@ExtendWith(PostgresExtension.class)
class WorkflowApiIT {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private WorkflowServer server;
  private ApprovalWorkflow workflow;
  private MutableClock clock;
  private URI base;

  @BeforeEach
  void start(TestPostgres pg) throws Exception {
    server = new WorkflowServer(pg);
    workflow = server.workflow;
    clock = server.clock;
    base = server.base;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String open(String requester) {
    return server.open(requester);
  }

  private HttpResponse<String> call(String user, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode body(HttpResponse<String> r) throws Exception {
    return json.readTree(r.body());
  }

  @Test
  void anApproverApprovesAndTheRequesterSeesTheGrant() throws Exception {
    String id = open("alice");
    open("eve");

    JsonNode own = body(call("alice", "GET", "/api/v1/requests", null));
    assertThat(own.get("requests")).hasSize(1);
    assertThat(own.get("requests").get(0).get("id").asText()).isEqualTo(id);
    assertThat(body(call("carol", "GET", "/api/v1/requests?status=pending", null)).get("requests"))
        .hasSize(2);
    assertThat(call("alice", "GET", "/api/v1/requests?requester=eve", null).statusCode())
        .isEqualTo(403);

    JsonNode shown = body(call("alice", "GET", "/api/v1/requests/" + id.toLowerCase(), null));
    assertThat(shown.get("plan").get("fingerprint").asText()).isEqualTo("fp-alice");
    assertThat(shown.get("risk").get("verdict").asText()).isEqualTo("unsafe");
    // someone else's request looks like a missing one
    assertThat(call("eve", "GET", "/api/v1/requests/" + id, null).statusCode()).isEqualTo(404);

    HttpResponse<String> approved =
        call(
            "bob",
            "POST",
            "/api/v1/requests/" + id + "/approve",
            "{\"comment\":\"ok off-peak\",\"window\":\"30m\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode after = body(approved);
    assertThat(after.get("status").asText()).isEqualTo("approved");
    assertThat(after.get("decisions").get(0).get("approver").asText()).isEqualTo("bob");
    assertThat(after.get("grant").get("expiresAt").asText()).isEqualTo("2026-11-25T10:30:00Z");
    assertThat(workflow.usablePlanGrant("alice", "shop", "fp-alice")).isPresent();

    JsonNode grants = body(call("alice", "GET", "/api/v1/grants?active=true", null));
    assertThat(grants.get("grants")).hasSize(1);
    assertThat(grants.get("grants").get(0).get("scope").get("fingerprint").asText())
        .isEqualTo("fp-alice");
    clock.advance(Duration.ofMinutes(31));
    assertThat(body(call("alice", "GET", "/api/v1/grants?active=true", null)).get("grants"))
        .isEmpty();

    HttpResponse<String> again = call("bob", "POST", "/api/v1/requests/" + id + "/approve", null);
    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void approvalsTheRulesForbidAreRefusedWithTheReason() throws Exception {
    String daves = open("dave");
    HttpResponse<String> own = call("dave", "POST", "/api/v1/requests/" + daves + "/approve", null);
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(body(own).get("error").get("message").asText()).contains("your own request");

    HttpResponse<String> agent =
        call("robot", "POST", "/api/v1/requests/" + daves + "/approve", null);
    assertThat(agent.statusCode()).isEqualTo(403);
    assertThat(body(agent).get("error").get("message").asText()).contains("agents cannot");

    HttpResponse<String> engineer =
        call("alice", "POST", "/api/v1/requests/" + daves + "/approve", null);
    assertThat(engineer.statusCode()).isEqualTo(403);

    assertThat(call("bob", "POST", "/api/v1/requests/CR-NOPE1/approve", null).statusCode())
        .isEqualTo(404);
    assertThat(
            call("bob", "POST", "/api/v1/requests/" + daves + "/approve", "{\"window\":\"soon\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            call("bob", "POST", "/api/v1/requests/" + daves + "/approve", "{\"window\":")
                .statusCode())
        .isEqualTo(400);
    // nothing above changed the request
    assertThat(workflow.request(daves).request().status().label()).isEqualTo("pending");

    assertThat(
            call("bob", "POST", "/api/v1/requests/" + daves + "/deny", "{\"comment\":\"no\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(call("dave", "GET", "/api/v1/requests/" + daves, null).body())
        .contains("\"denied\"");
    assertThat(call("bob", "POST", "/api/v1/requests/" + daves + "/approve", null).statusCode())
        .isEqualTo(409);
  }

  @Test
  void elevationsAreRequestedApprovedAndRevoked() throws Exception {
    String body =
        "{\"database\":\"shop\",\"level\":\"write\",\"duration\":\"30m\",\"reason\":\"fix\"}";
    HttpResponse<String> created = call("alice", "POST", "/api/v1/elevations", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = body(created).get("id").asText();
    HttpResponse<String> reused = call("alice", "POST", "/api/v1/elevations", body);
    assertThat(reused.statusCode()).isEqualTo(200);
    assertThat(body(reused).get("id").asText()).isEqualTo(id);
    assertThat(
            call("alice", "POST", "/api/v1/elevations", body.replace("write", "root")).statusCode())
        .isEqualTo(400);
    assertThat(call("alice", "POST", "/api/v1/elevations", "{\"database\":\"shop\"}").statusCode())
        .isEqualTo(400);
    assertThat(call("carol", "POST", "/api/v1/elevations", body).statusCode()).isEqualTo(403);

    JsonNode approved = body(call("bob", "POST", "/api/v1/requests/" + id + "/approve", null));
    String grant = approved.get("grant").get("id").asText();
    assertThat(approved.get("grant").get("scope").get("level").asText()).isEqualTo("write");
    assertThat(workflow.activeAccessGrant("alice", "shop", clock.instant())).isPresent();

    assertThat(call("alice", "POST", "/api/v1/grants/" + grant + "/revoke", null).statusCode())
        .isEqualTo(403);
    HttpResponse<String> revoked = call("bob", "POST", "/api/v1/grants/" + grant + "/revoke", null);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    assertThat(body(revoked).get("revokedBy").asText()).isEqualTo("bob");
    assertThat(workflow.activeAccessGrant("alice", "shop", clock.instant())).isEmpty();
  }
}
