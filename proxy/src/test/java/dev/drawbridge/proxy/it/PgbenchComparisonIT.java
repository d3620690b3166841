package dev.drawbridge.proxy.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rough throughput comparison, direct against through the proxy ({@code -Ddrawbridge.bench=true},
 * modes from {@code -Ddrawbridge.bench.modes=simple,prepared}); prints numbers, asserts nothing.
 * Noisy on a shared machine.
 */
@ExtendWith(PostgresExtension.class)
@EnabledIfSystemProperty(named = "drawbridge.bench", matches = "true")
class PgbenchComparisonIT {

  private static String run(int port, TestPostgres pg, String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "/usr/bin/pgbench",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-U",
                pg.superuser()));
    cmd.addAll(List.of(args));
    cmd.add(pg.database());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(120, TimeUnit.SECONDS);
    return out;
  }

  private static String tps(String out) {
    Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
    String latency = "";
    Matcher l = Pattern.compile("latency average = ([0-9.]+ ms)").matcher(out);
    if (l.find()) {
      latency = " latency " + l.group(1);
    }
    return (m.find() ? m.group(1) : "?") + latency;
  }

  @Test
  void compare(TestPostgres pg) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/pgbench")));
    // paranoid leak tracking (on for every other test) records a stack trace per buffer access
    io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
    try (ProxyFixture proxy = new ProxyFixture(pg)) {
      run(pg.port(), pg, "-i", "-s", "1", "-q");
      for (String mode :
          List.of(System.getProperty("drawbridge.bench.modes", "simple,prepared").split(","))) {
        for (int clients : new int[] {1, 8}) {
          String[] args = {
            "-n", "-S", "-T", "5", "-c", String.valueOf(clients), "-j", "2", "-M", mode
          };
          String direct = tps(run(pg.port(), pg, args));
          String proxied = tps(run(proxy.address.getPort(), pg, args));
          System.out.printf(
              "BENCH -M %s -c %d: direct %s | proxy %s%n", mode, clients, direct, proxied);
        }
      }
    }
  }
}
