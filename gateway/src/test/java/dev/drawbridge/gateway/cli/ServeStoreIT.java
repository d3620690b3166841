package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drawbridge serve} with a {@code state-store} section: migrate on start, or say why not.
 */
@ExtendWith(PostgresExtension.class)
class ServeStoreIT {

  private static String upstream(TestPostgres pg) {
    return "postgresql://"
        + pg.superuser()
        + "@"
        + pg.host()
        + ":"
        + pg.port()
        + "/"
        + pg.database();
  }

  @Test
  void anUnreachableStoreStopsStartUpWithAClearMessage(TestPostgres pg, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("drawbridge.yaml");
    Files.writeString(
        config,
        "state-store:\n  url: postgresql://gw@127.0.0.1:1/drawbridge\n  connect-timeout: 1s\n");
    CliTestSupport t = new CliTestSupport();

    int status =
        t.run(
            "serve",
            "--config",
            config.toString(),
            "--upstream",
            upstream(pg),
            "--listen",
            "127.0.0.1:0");

    assertThat(status).isEqualTo(ExitCodes.RUNTIME_FAILURE);
    assertThat(t.err.toString())
        .contains("Cannot connect to the state store at jdbc:postgresql://127.0.0.1:1/drawbridge")
        .contains("Check state-store.url");
    assertThat(t.out.toString()).doesNotContain("listening");
  }

  @Test
  void serveMigratesTheStoreOnStart(TestPostgres pg, @TempDir Path dir) throws Exception {
    FreshDatabase store = FreshDatabase.create(pg, "serve_store");
    Path config = dir.resolve("drawbridge.yaml");
    Files.writeString(
        config,
        "state-store:\n  host: "
            + pg.host()
            + "\n  port: "
            + pg.port()
            + "\n  database: "
            + store.name()
            + "\n  user: "
            + pg.superuser()
            + "\nworkflow:\n  sweep-interval: 1s\n");
    CliTestSupport t = new CliTestSupport();
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () ->
                t.run(
                    "serve",
                    "--config",
                    config.toString(),
                    "--upstream",
                    upstream(pg),
                    "--listen",
                    "127.0.0.1:0",
                    "--shutdown-grace",
                    "1s"));
    for (int i = 0; i < 600 && !status.isDone(); i++) {
      if (t.out.toString().contains("Press Ctrl-C")) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(t.out.toString()).as(t.err.toString()).contains("Press Ctrl-C");
    assertThat(t.err.toString()).doesNotContain("no state-store");

    Properties p = new Properties();
    p.setProperty("user", pg.superuser());
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(store.name()), p);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema ="
                    + " 'drawbridge' AND table_name IN ('change_requests', 'grants')")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }

    // every session through the gateway is recorded in the store's sessions table
    java.util.regex.Matcher listening =
        java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)")
            .matcher(t.out.toString());
    assertThat(listening.find()).as(t.out.toString()).isTrue();
    Properties viaGateway = new Properties();
    viaGateway.setProperty("user", pg.superuser());
    viaGateway.setProperty("ApplicationName", "registry-check");
    viaGateway.setProperty("sslmode", "disable");
    // (pgjdbc sets application_name after connecting, so the session starts without one)
    String sessionsSql =
        "SELECT count(*) FILTER (WHERE ended_at IS NULL), count(*) FROM drawbridge.sessions"
            + " WHERE user_name = '"
            + pg.superuser()
            + "' AND client_address LIKE '%127.0.0.1%'";
    try (Connection viaGw =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + listening.group(1) + "/" + pg.database(),
            viaGateway)) {
      viaGw.createStatement().execute("SELECT 1");
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> counts(pg, store.name(), sessionsSql).equals(List.of(1, 1)));
    }
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> counts(pg, store.name(), sessionsSql).equals(List.of(0, 1)));

    t.shutdownHooks.forEach(Runnable::run);
    assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
  }

  private static List<Integer> counts(TestPostgres pg, String database, String sql)
      throws Exception {
    Properties p = new Properties();
    p.setProperty("user", pg.superuser());
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), p);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return List.of(rs.getInt(1), rs.getInt(2));
    }
  }
}
