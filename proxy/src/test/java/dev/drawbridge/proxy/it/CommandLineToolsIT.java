package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** psql and pgbench through the proxy, where those binaries exist (skipped elsewhere). */
@ExtendWith(PostgresExtension.class)
class CommandLineToolsIT {

  private static ProxyFixture proxy;

  @BeforeAll
  static void start(TestPostgres pg) {
    proxy = new ProxyFixture(pg);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static Path tool(String name) {
    for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/lib/postgresql/17/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path tool, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(tool.toString());
    cmd.addAll(
        List.of(
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(proxy.address.getPort()),
            "-U",
            proxy.pg.superuser()));
    cmd.addAll(List.of(args));
    cmd.add(proxy.pg.database());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    pb.environment().remove("PGPASSWORD");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(tool + " did not finish");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void psqlCopyInAndOut(@TempDir Path dir) throws Exception {
    Path psql = tool("psql");
    assumeTrue(psql != null, "psql not installed");
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      csv.append(i).append(",\"name ").append(i).append("\"\n");
    }
    Path in = dir.resolve("in.csv");
    Path out = dir.resolve("out.csv");
    Files.writeString(in, csv);
    Result r =
        run(
            psql,
            "-v",
            "ON_ERROR_STOP=1",
            "-X",
            "-c",
            "DROP TABLE IF EXISTS psql_copy",
            "-c",
            "CREATE TABLE psql_copy (id int, name text)",
            "-c",
            "\\copy psql_copy from '" + in + "' csv",
            "-c",
            "\\copy (SELECT * FROM psql_copy ORDER BY id) to '" + out + "' csv",
            "-c",
            "SELECT count(*) FROM psql_copy");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("COPY 5000").contains("5000");
    assertThat(Files.readString(out).replace("\"", "")).isEqualTo(csv.toString().replace("\"", ""));
  }

  @Test
  void psqlSeesErrorsAndNotices() throws Exception {
    Path psql = tool("psql");
    assumeTrue(psql != null, "psql not installed");
    Result r =
        run(
            psql,
            "-X",
            "-c",
            "DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; END $$",
            "-c",
            "SELECT 1/0");
    assertThat(r.output()).contains("NOTICE:  hello from plpgsql").contains("division by zero");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"simple", "extended", "prepared"})
  void pgbenchInitAndSelectOnly(String mode) throws Exception {
    Path pgbench = tool("pgbench");
    assumeTrue(pgbench != null, "pgbench not installed");
    Result init = run(pgbench, "-i", "-s", "1", "-q");
    assertThat(init.exitCode()).as(init.output()).isZero();
    Result bench = run(pgbench, "-n", "-S", "-T", "2", "-c", "2", "-M", mode);
    assertThat(bench.exitCode()).as(bench.output()).isZero();
    assertThat(bench.output()).contains("number of failed transactions: 0");
    assertThat(bench.output()).containsPattern("number of transactions actually processed: [1-9]");
  }

  @Test
  void psqlOverTls(TestPostgres pg) throws Exception {
    Path psql = tool("psql");
    assumeTrue(psql != null, "psql not installed");
    io.netty.handler.ssl.util.SelfSignedCertificate cert =
        io.netty.handler.ssl.util.SelfSignedCertificate.builder().fqdn("localhost").build();
    try (ProxyFixture tls =
        new ProxyFixture(
            pg,
            (s, st) -> dev.drawbridge.proxy.gate.GateDecision.allow(),
            b ->
                b.tls(
                    new dev.drawbridge.proxy.ProxyConfig.Tls(
                        cert.certificate().toPath(), cert.privateKey().toPath())))) {
      ProcessBuilder pb =
          new ProcessBuilder(
                  psql.toString(),
                  "-X",
                  "-c",
                  "\\conninfo",
                  "-c",
                  "SELECT 'over-tls'",
                  "host=127.0.0.1 port="
                      + tls.address.getPort()
                      + " user="
                      + pg.superuser()
                      + " dbname="
                      + pg.database()
                      + " sslmode=require")
              .redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("SSL connection").contains("over-tls");
    } finally {
      cert.delete();
    }
  }

  private static Result psqlAs(Path psql, int port, String user, String password, String db)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                psql.toString(),
                "-X",
                "-w",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-U",
                user,
                "-c",
                "SELECT 'as ' || current_user",
                db)
            .redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", password);
    pb.environment().put("PGSSLMODE", "disable");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void psqlPasswordLoginsPassthroughAndGateway(TestPostgres pg) throws Exception {
    Path psql = tool("psql");
    assumeTrue(psql != null, "psql not installed");
    for (TestPostgres.PasswordRole method : TestPostgres.PasswordRole.values()) {
      String role = pg.roleFor(method).orElseThrow();
      Result ok =
          psqlAs(psql, proxy.address.getPort(), role, TestPostgres.ROLE_PASSWORD, pg.database());
      assertThat(ok.exitCode()).as(ok.output()).isZero();
      assertThat(ok.output()).contains("as " + role);
      Result bad = psqlAs(psql, proxy.address.getPort(), role, "wrong", pg.database());
      assertThat(bad.exitCode()).isNotZero();
      assertThat(bad.output()).contains("password authentication failed");
    }
    try (ProxyFixture gateway =
        new ProxyFixture(
            pg,
            (s, st) -> dev.drawbridge.proxy.gate.GateDecision.allow(),
            b ->
                b.authMode(dev.drawbridge.proxy.ProxyConfig.AuthMode.GATEWAY)
                    .upstream(
                        new dev.drawbridge.proxy.ProxyConfig.Upstream(
                            pg.host(),
                            pg.port(),
                            pg.database(),
                            java.util.Optional.of(pg.superuser()),
                            java.util.Optional.empty()))
                    .addUser(
                        new dev.drawbridge.proxy.ProxyConfig.LocalUser(
                            "dora",
                            dev.drawbridge.proxy.auth.ScramVerifiers.create("dora-pw"),
                            java.util.Set.of())))) {
      Result ok = psqlAs(psql, gateway.address.getPort(), "dora", "dora-pw", pg.database());
      assertThat(ok.exitCode()).as(ok.output()).isZero();
      assertThat(ok.output()).contains("as " + pg.superuser());
      Result bad = psqlAs(psql, gateway.address.getPort(), "dora", "nope", pg.database());
      assertThat(bad.output()).contains("password authentication failed for user \"dora\"");
    }
  }
}
