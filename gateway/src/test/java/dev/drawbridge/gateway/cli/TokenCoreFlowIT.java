package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.drawbridge.gateway.enforce.PolicyGateFactory;
import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.testkit.KeycloakExtension;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestKeycloak;
import dev.drawbridge.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core flow of the product brief with nothing faked: {@code drawbridge serve} with a state
 * store and a real Keycloak; alice runs an unsafe ADD COLUMN from psql with her access token as the
 * password and is refused with a change request id; she may not approve it; bob approves it with
 * {@code drawbridge approve} and his bearer token; alice's re-run from psql succeeds, once.
 */
@ExtendWith({PostgresExtension.class, KeycloakExtension.class})
class TokenCoreFlowIT {

  private static final Pattern REQUEST_ID = Pattern.compile("CR-[0-9A-Z]+");
  private static final Path PSQL = Path.of("/usr/bin/psql");

  private record Psql(int exitCode, String output) {}

  private static Psql psql(int port, String database, String user, String token, String sql)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            PSQL.toString(),
            "-X",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
            "host=127.0.0.1 port=" + port + " user=" + user + " dbname=" + database);
    pb.environment().put("PGPASSWORD", token);
    pb.environment().put("PGSSLMODE", "disable");
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Psql(p.exitValue(), out);
  }

  @Test
  void refusedFromPsqlApprovedByAnotherPersonThenRunOnce(
      TestPostgres pg, TestKeycloak kc, @TempDir Path dir) throws Exception {
    assumeThat(PSQL).exists();
    pg.execute(
        "DROP TABLE IF EXISTS token_orders; CREATE TABLE token_orders (id int PRIMARY KEY);"
            + " INSERT INTO token_orders SELECT generate_series(1, 20000); ANALYZE token_orders");
    FreshDatabase store = FreshDatabase.create(pg, "token_flow");
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
            + "\noidc:\n  issuer: "
            + kc.issuer()
            + "\n  audience: "
            + TestKeycloak.AUDIENCE
            + "\n");
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
            new CliTestSupport(Map.of(), new PolicyGateFactory(), Clock.systemUTC()),
            "--config",
            config.toString(),
            "--upstream",
            upstream,
            "--listen",
            "127.0.0.1:0",
            "--admin",
            "127.0.0.1:0",
            "--auth",
            "gateway")) {
      String unsafe =
          "ALTER TABLE token_orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()";
      String alice = kc.passwordGrant("alice", "alice-test");

      Psql refused = psql(serve.port, pg.database(), "alice", alice, unsafe);
      assertThat(refused.exitCode()).as(refused.output()).isNotZero();
      assertThat(refused.output()).contains("ERROR:").contains("HINT:");
      Matcher m = REQUEST_ID.matcher(refused.output());
      assertThat(m.find()).as(refused.output()).isTrue();
      String id = m.group();

      String admin = "http://127.0.0.1:" + serve.adminPort;
      CliTestSupport asAlice = new CliTestSupport(Map.of("DRAWBRIDGE_TOKEN", alice));
      assertThat(asAlice.run("approve", id, "--admin", admin)).isNotZero();
      assertThat(asAlice.err.toString()).contains("403").contains("approver");

      CliTestSupport asBob =
          new CliTestSupport(Map.of("DRAWBRIDGE_TOKEN", kc.passwordGrant("bob", "bob-test")));
      assertThat(asBob.run("approve", id, "--admin", admin, "--window", "10m", "--comment", "ok"))
          .as(asBob.err.toString())
          .isZero();

      Psql ran = psql(serve.port, pg.database(), "alice", alice, unsafe);
      assertThat(ran.exitCode()).as(ran.output()).isZero();
      assertThat(ran.output()).contains("ALTER TABLE");

      // the approval was for one run: the same change again needs a new request
      Psql again =
          psql(
              serve.port,
              pg.database(),
              "alice",
              alice,
              unsafe.replace("ADD COLUMN ref", "ADD COLUMN ref2"));
      assertThat(again.exitCode()).isNotZero();
      Matcher second = REQUEST_ID.matcher(again.output());
      assertThat(second.find()).isTrue();
      assertThat(second.group()).isNotEqualTo(id);
    }
  }
}
