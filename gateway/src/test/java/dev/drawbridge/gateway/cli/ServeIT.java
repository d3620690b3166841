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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code drawbridge serve} in passthrough mode in front of the test PostgreSQL: a JDBC client
 * queries through it, {@code /ready} says ready, and the shutdown hook (what SIGTERM runs) stops it
 * with exit status 0. Aborts (skipped) while the proxy module cannot start yet.
 */
@ExtendWith(PostgresExtension.class)
class ServeIT {

  private static final Pattern LISTENING =
      Pattern.compile("Drawbridge is listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern ADMIN = Pattern.compile("Admin: http://127\\.0\\.0\\.1:(\\d+)/");

  @Test
  void servesQueriesReportsReadyAndStopsOnTheShutdownHook(TestPostgres pg) throws Exception {
    CliTestSupport t = new CliTestSupport();
    String upstream =
        "postgresql://" + pg.superuser() + "@" + pg.host() + ":" + pg.port() + "/" + pg.database();
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () ->
                t.run(
                    "serve",
                    "--upstream",
                    upstream,
                    "--listen",
                    "127.0.0.1:0",
                    "--admin",
                    "127.0.0.1:0",
                    "--shutdown-grace",
                    "2s"));
    Matcher listening = null;
    for (int i = 0; i < 300 && !status.isDone(); i++) {
      listening = LISTENING.matcher(t.out.toString());
      if (listening.find() && t.out.toString().contains("Press Ctrl-C")) {
        break;
      }
      listening = null;
      Thread.sleep(50);
    }
    if (listening == null) {
      int code = status.get(30, TimeUnit.SECONDS);
      throw new AssertionError("serve exited with " + code + ":\n" + t.err);
    }
    int port = Integer.parseInt(listening.group(1));
    Matcher admin = ADMIN.matcher(t.out.toString());
    assertThat(admin.find()).isTrue();

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
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.group(1) + "/ready"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    assertThat(t.shutdownHooks).hasSize(1);
    t.shutdownHooks.get(0).run();
    assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(t.err.toString()).contains("shutting down");
  }
}
