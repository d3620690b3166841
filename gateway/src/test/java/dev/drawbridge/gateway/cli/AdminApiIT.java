package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * The admin API of a running gateway: its OpenAPI document, local users logging in with their
 * passwords, role checks, and an operator ending a live psql-like session.
 */
@ExtendWith(PostgresExtension.class)
class AdminApiIT {

  private final ObjectMapper json = new ObjectMapper();

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> listSessions(HttpClient http, URI admin, String authorization)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(admin.resolve("/api/v1/sessions"))
            .header("Authorization", authorization)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void operatorsSeeAndEndSessionsOthersAreRefused(TestPostgres pg) throws Exception {
    String upstream =
        "postgresql://"
            + pg.superuser()
            + (pg.superuserPassword().isEmpty() ? "" : ":" + pg.superuserPassword())
            + "@"
            + pg.host()
            + ":"
            + pg.port()
            + "/"
            + pg.database();
    try (RunningServe serve =
            new RunningServe(
                "--upstream", upstream,
                "--listen", "127.0.0.1:0",
                "--admin", "127.0.0.1:0",
                "--auth", "gateway",
                "--user", "alice:alice-pw:engineer",
                "--user", "root:root-pw:admin");
        HttpClient http = HttpClient.newHttpClient()) {
      URI admin = URI.create("http://127.0.0.1:" + serve.adminPort);

      HttpResponse<String> doc =
          http.send(
              HttpRequest.newBuilder(admin.resolve("/api/v1/openapi.json")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(doc.statusCode()).isEqualTo(200);
      assertThat(json.readTree(doc.body()).get("paths").has("/api/v1/sessions")).isTrue();

      Properties props = new Properties();
      props.setProperty("user", "alice");
      props.setProperty("password", "alice-pw");
      props.setProperty("ApplicationName", "alice-psql");
      props.setProperty("sslmode", "disable");
      try (Connection c =
          DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:" + serve.port + "/" + pg.database(), props)) {
        HttpResponse<String> refused = listSessions(http, admin, basic("alice", "alice-pw"));
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongPassword = listSessions(http, admin, basic("root", "guess"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);

        HttpResponse<String> list = listSessions(http, admin, basic("root", "root-pw"));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode session = json.readTree(list.body()).get("sessions").get(0);
        assertThat(session.get("user").asText()).isEqualTo("alice");
        assertThat(session.get("roles").get(0).asText()).isEqualTo("engineer");
        assertThat(session.get("application").asText()).isEqualTo("alice-psql");
        long id = session.get("id").asLong();

        HttpResponse<String> end =
            http.send(
                HttpRequest.newBuilder(admin.resolve("/api/v1/sessions/" + id))
                    .header("Authorization", basic("root", "root-pw"))
                    .header("Content-Type", "application/json")
                    .method(
                        "DELETE",
                        HttpRequest.BodyPublishers.ofString(
                            "{\"reason\":\"rotating credentials\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(end.statusCode()).as(end.body()).isEqualTo(200);
        assertThatThrownBy(
                () -> {
                  try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                  }
                })
            .isInstanceOfSatisfying(
                PSQLException.class,
                e -> {
                  assertThat(e.getSQLState()).isEqualTo("57P01");
                  assertThat(e.getServerErrorMessage().getDetail())
                      .isEqualTo("rotating credentials");
                });
      }
    }
  }
}
