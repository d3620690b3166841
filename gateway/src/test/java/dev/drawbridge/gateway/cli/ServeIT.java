package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code drawbridge serve} in passthrough mode in front of the test PostgreSQL: a JDBC client
 * queries through it, {@code /ready} says ready, and the shutdown hook (what SIGTERM runs) stops it
 * with exit status 0. Aborts (skipped) while the proxy module cannot start yet.
 */
@ExtendWith(PostgresExtension.class)
class ServeIT {

  @Test
  void servesQueriesReportsReadyAndStopsOnTheShutdownHook(TestPostgres pg) throws Exception {
    String upstream =
        "postgresql://" + pg.superuser() + "@" + pg.host() + ":" + pg.port() + "/" + pg.database();
    RunningServe serve =
        new RunningServe(
            "--upstream",
            upstream,
            "--listen",
            "127.0.0.1:0",
            "--admin",
            "127.0.0.1:0",
            "--shutdown-grace",
            "2s");
    int port = serve.port;
    assertThat(serve.adminPort).isPositive();
    Properties props = new Properties();
    props.setProperty("user", pg.superuser());
    if (!pg.superuserPassword().isEmpty()) {
      props.setProperty("password", pg.superuserPassword());
    }
    props.setProperty("sslmode", "disable");
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + pg.database(), props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(42);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> ready =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.adminPort + "/ready"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    assertThat(serve.cli.shutdownHooks).hasSize(1);
    assertThat(serve.stop()).isZero();
    assertThat(serve.cli.err.toString()).contains("shutting down");
  }
}
