package dev.drawbridge.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.admin.api.auth.AdminAuthenticators;
import dev.drawbridge.admin.api.sessions.LiveSessions;
import dev.drawbridge.admin.api.sessions.SessionView;
import dev.drawbridge.admin.server.AdminServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router over real HTTP: authentication, roles, errors, and the sessions routes. */
class ApiRouterTest {

  private final List<SessionView> live = new ArrayList<>();
  private final List<String> ended = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private AdminServer server;
  private URI base;

  private final LiveSessions sessions =
      new LiveSessions() {
        @Override
        public List<SessionView> list() {
          return List.copyOf(live);
        }

        @Override
        public boolean end(long sessionId, String reason) {
          boolean found = live.removeIf(s -> s.id() == sessionId);
          if (found) {
            ended.add(sessionId + ": " + reason);
          }
          return found;
        }
      };

  @BeforeEach
  void start() {
    Map<String, AdminPrincipal> users =
        Map.of(
            "root", new AdminPrincipal("root", Set.of(Roles.ADMIN), false),
            "carol", new AdminPrincipal("carol", Set.of(Roles.AUDITOR), false),
            "alice", new AdminPrincipal("alice", Set.of(Roles.ENGINEER), false));
    AdminAuthenticators auth =
        new AdminAuthenticators(
            Optional.of(
                (user, password) ->
                    password.equals(user + "-pw")
                        ? Optional.ofNullable(users.get(user))
                        : Optional.empty()),
            Optional.of(
                token -> {
                  if (!token.equals("token-of-root")) {
                    throw new IllegalArgumentException("bad signature");
                  }
                  return users.get("root");
                }));
    List<Route> routes = new ArrayList<>(new AdminApi(sessions).routes());
    routes.add(
        Route.post(
            "/api/v1/echo/{word}",
            Set.of(Roles.ENGINEER),
            r ->
                ApiResponse.created(
                    Map.of("word", r.path("word"), "comment", r.requiredText("comment")))));
    server =
        new AdminServer(
            new InetSocketAddress("127.0.0.1", 0),
            Map.of(),
            Map.of(AdminApi.PREFIX, new ApiRouter(routes, auth)));
    InetSocketAddress a = server.start();
    base = URI.create("http://127.0.0.1:" + a.getPort());
    live.add(
        new SessionView(
            7,
            "alice",
            Set.of("engineer"),
            "app",
            "psql",
            "/127.0.0.1:5555",
            Instant.EPOCH,
            "idle"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> call(String method, String path, String authorization, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
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

  private JsonNode error(HttpResponse<String> r) throws IOException {
    return json.readTree(r.body()).get("error");
  }

  @Test
  void anAuditorListsSessions() throws Exception {
    HttpResponse<String> r = call("GET", "/api/v1/sessions", basic("carol"), null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode s = json.readTree(r.body()).get("sessions").get(0);
    assertThat(s.get("id").asLong()).isEqualTo(7);
    assertThat(s.get("user").asText()).isEqualTo("alice");
    assertThat(s.get("startedAt").asText()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(s.get("state").asText()).isEqualTo("idle");
  }

  @Test
  void withoutCredentialsTheAnswerIs401WithAChallenge() throws Exception {
    HttpResponse<String> r = call("GET", "/api/v1/sessions", null, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"drawbridge\"");
    assertThat(error(r).get("code").asText()).isEqualTo("unauthorized");
    assertThat(
            call(
                    "GET",
                    "/api/v1/sessions",
                    "Basic " + Base64.getEncoder().encodeToString("carol:nope".getBytes()),
                    null)
                .statusCode())
        .isEqualTo(401);
    HttpResponse<String> badToken = call("GET", "/api/v1/sessions", "Bearer forged", null);
    assertThat(badToken.statusCode()).isEqualTo(401);
    assertThat(error(badToken).get("message").asText()).contains("bad signature");
    assertThat(call("GET", "/api/v1/sessions", "Digest x", null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/v1/sessions", "Basic !!!", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aCallerWithoutTheRoleGets403AndNothingChanges() throws Exception {
    HttpResponse<String> r = call("DELETE", "/api/v1/sessions/7", basic("carol"), null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(error(r).get("message").asText()).contains("carol").contains("admin");
    assertThat(live).hasSize(1);
    assertThat(call("GET", "/api/v1/sessions", basic("alice"), null).statusCode()).isEqualTo(403);
  }

  @Test
  void anAdminEndsASessionWithAReason() throws Exception {
    HttpResponse<String> r =
        call(
            "DELETE", "/api/v1/sessions/7", "Bearer token-of-root", "{\"reason\":\"maintenance\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ended).containsExactly("7: maintenance");
    HttpResponse<String> again = call("DELETE", "/api/v1/sessions/7", basic("root"), null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(error(again).get("message").asText()).isEqualTo("no live session 7");
  }

  @Test
  void defaultReasonNamesTheOperator() throws Exception {
    assertThat(call("DELETE", "/api/v1/sessions/7", basic("root"), null).statusCode())
        .isEqualTo(200);
    assertThat(ended).containsExactly("7: ended by root");
  }

  @Test
  void badInputGetsClear4xxAnswers() throws Exception {
    assertThat(call("DELETE", "/api/v1/sessions/abc", basic("root"), null).statusCode())
        .isEqualTo(400);
    assertThat(call("DELETE", "/api/v1/sessions/-1", basic("root"), null).statusCode())
        .isEqualTo(400);
    HttpResponse<String> malformed =
        call("DELETE", "/api/v1/sessions/7", basic("root"), "{\"reason\":");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(error(malformed).get("message").asText()).contains("not valid JSON");
    assertThat(call("DELETE", "/api/v1/sessions/7", basic("root"), "{\"reason\":5}").statusCode())
        .isEqualTo(400);
    assertThat(call("DELETE", "/api/v1/sessions/7", basic("root"), "[1]").statusCode())
        .isEqualTo(400);
    assertThat(live).hasSize(1); // nothing changed by any of these

    HttpResponse<String> missing = call("POST", "/api/v1/echo/hi", basic("alice"), "{}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(error(missing).get("message").asText()).isEqualTo("\"comment\" is required");
    HttpResponse<String> ok =
        call("POST", "/api/v1/echo/hi", basic("alice"), "{\"comment\":\"yes\"}");
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(json.readTree(ok.body()).get("word").asText()).isEqualTo("hi");

    HttpRequest notJson =
        HttpRequest.newBuilder(base.resolve("/api/v1/echo/hi"))
            .header("Authorization", basic("alice"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("comment=yes"))
            .build();
    assertThat(http.send(notJson, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(415);
    String huge = "{\"comment\":\"" + "x".repeat(ApiRouter.MAX_BODY_BYTES) + "\"}";
    assertThat(call("POST", "/api/v1/echo/hi", basic("alice"), huge).statusCode()).isEqualTo(413);
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() throws Exception {
    HttpResponse<String> unknown = call("GET", "/api/v1/nothing", basic("root"), null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown).get("code").asText()).isEqualTo("not_found");
    HttpResponse<String> wrong = call("PUT", "/api/v1/sessions", basic("root"), null);
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(wrong.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void passwordsAreRefusedFromOtherMachines() {
    AdminAuthenticators auth =
        new AdminAuthenticators(
            Optional.of((u, p) -> Optional.of(new AdminPrincipal(u, Set.of(Roles.ADMIN), false))),
            Optional.empty());
    InetSocketAddress remote = new InetSocketAddress("192.0.2.10", 40000);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> auth.authenticate(basic("root"), remote))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage()).contains("only from the gateway's own machine");
            });
  }
}
