package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.PostgresVersions;
import dev.drawbridge.testkit.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same client tool run directly and through the proxy must give the same result: pg_dump
 * output, psql's Ctrl-C cancel and psql's {@code \watch}. Skipped where the binaries do not exist.
 */
@ExtendWith(PostgresExtension.class)
class ClientParityIT {

  private static Path tool(String name) {
    for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static int clientMajor(Path tool) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    // "pg_dump (PostgreSQL) 15.19 (Debian ...)"
    String version = out.replaceAll("(?s)^[^)]*\\)\\s*(\\d+).*$", "$1");
    return Integer.parseInt(version);
  }

  private static List<String> command(Path tool, String host, int port, TestPostgres pg) {
    List<String> cmd = new ArrayList<>();
    cmd.add(tool.toString());
    cmd.addAll(List.of("-h", host, "-p", String.valueOf(port), "-U", pg.superuser()));
    return cmd;
  }

  private static Process start(List<String> cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    pb.environment().put("PGSSLMODE", "disable");
    pb.environment().remove("PGPASSWORD");
    return pb.start();
  }

  private static String finish(Process p) throws IOException, InterruptedException {
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getInputStream().readAllBytes();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("client tool did not finish");
    }
    return new String(out.join(), StandardCharsets.UTF_8);
  }

  /** pg_dump refuses newer servers, so this runs against a server of pg_dump's own version. */
  @Test
  void pgDumpThroughTheProxyEqualsPgDumpDirect(PostgresVersions versions) throws Exception {
    Path pgDump = tool("pg_dump");
    assumeTrue(pgDump != null, "pg_dump not installed");
    int major = clientMajor(pgDump);
    assumeTrue(versions.available().contains(major), "no PostgreSQL " + major + " binaries");
    TestPostgres pg = versions.get(major);
    pg.execute("DROP TABLE IF EXISTS dump_parity");
    pg.execute(
        "CREATE TABLE dump_parity (id bigint PRIMARY KEY, note text NOT NULL DEFAULT 'x',"
            + " at timestamptz, payload jsonb)");
    pg.execute(
        "INSERT INTO dump_parity SELECT g, 'row ' || g, '2026-01-01'::timestamptz + g * interval"
            + " '1 minute', jsonb_build_object('g', g) FROM generate_series(1, 5000) g");
    pg.execute("CREATE INDEX dump_parity_at ON dump_parity (at)");
    pg.execute("COMMENT ON TABLE dump_parity IS 'dumped twice'");

    try (ProxyFixture proxy = new ProxyFixture(pg)) {
      List<String> direct = command(pgDump, pg.host(), pg.port(), pg);
      direct.add(pg.database());
      List<String> viaProxy = command(pgDump, "127.0.0.1", proxy.address.getPort(), pg);
      viaProxy.add(pg.database());

      String directDump = comparable(finish(start(direct)));
      String proxiedDump = comparable(finish(start(viaProxy)));

      assertThat(directDump).contains("COPY public.dump_parity").contains("row 5000");
      assertThat(proxiedDump).isEqualTo(directDump);
    }
  }

  /** Drops the restrict/unrestrict meta-command lines, which carry a per-run random key. */
  private static String comparable(String dump) {
    return dump.lines()
        .filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\" + "unrestrict"))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void psqlCtrlCCancelsTheRunningStatement(TestPostgres pg) throws Exception {
    Path psql = tool("psql");
    assumeTrue(psql != null, "psql not installed");
    try (ProxyFixture proxy = new ProxyFixture(pg)) {
      List<String> cmd = command(psql, "127.0.0.1", proxy.address.getPort(), pg);
      cmd.addAll(List.of("-X", "-c", "SELECT pg_sleep(30)", pg.database()));
      long started = System.nanoTime();
      Process p = start(cmd);
      awaitBackendSleeping(pg);
      new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
      String out = finish(p);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(out).contains("canceling statement due to user request");
      assertThat(took).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void psqlWatchRepeatsUntilInterrupted(TestPostgres pg) throws Exception {
    Path psql = tool("psql");
    assumeTrue(psql != null, "psql not installed");
    try (ProxyFixture proxy = new ProxyFixture(pg)) {
      List<String> cmd = command(psql, "127.0.0.1", proxy.address.getPort(), pg);
      cmd.addAll(List.of("-X", "-A", "-t", pg.database()));
      Process p = start(cmd);
      p.getOutputStream()
          .write("SELECT 'tick-' || 41 + 1 AS t \\watch 0.2\n".getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().flush();
      Thread.sleep(1500);
      new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
      p.getOutputStream().close();
      String out = finish(p);

      long ticks = out.lines().filter(l -> l.trim().equals("tick-42")).count();
      assertThat(ticks).isGreaterThanOrEqualTo(3);
    }
  }

  private static void awaitBackendSleeping(TestPostgres pg) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (var c = pg.connect();
          var s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)'"
                      + " AND state = 'active'")) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("psql's statement never started");
  }
}
