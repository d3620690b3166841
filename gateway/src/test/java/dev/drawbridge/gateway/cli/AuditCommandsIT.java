package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.audit.AuditEvent;
import dev.drawbridge.gateway.audit.AuditServer;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code drawbridge audit ...} against the admin API on a real state store. */
@ExtendWith(PostgresExtension.class)
class AuditCommandsIT {

  @TempDir Path dir;
  private AuditServer server;

  @BeforeEach
  void start(TestPostgres pg) throws Exception {
    server = new AuditServer(pg);
    Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    for (int i = 0; i < 3; i++) {
      TreeMap<String, String> d = new TreeMap<>();
      d.put("statement", Integer.toString(i + 1));
      d.put("text", "DELETE FROM orders WHERE id = ?, \"quoted\"");
      server
          .log
          .recordAhead(
              new AuditEvent(
                  t0.plusSeconds(i),
                  "statement",
                  i < 2 ? "alice" : "bob",
                  "s" + i,
                  "shop",
                  "allow",
                  null,
                  List.of("orders"),
                  d),
              false)
          .get(20, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliTestSupport run(int expectedExit, String... args) {
    CliTestSupport t =
        new CliTestSupport(
            Map.of("DRAWBRIDGE_ADMIN", server.base.toString(), "DRAWBRIDGE_PASSWORD", "pw"));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--user";
    all[args.length + 1] = "carol";
    assertThat(t.run(all)).as("%s%s", t.out, t.err).isEqualTo(expectedExit);
    return t;
  }

  @Test
  void searchShowAndExport() throws Exception {
    String out = run(0, "audit", "search", "--actor", "alice").out.toString();
    assertThat(out).contains("AT", "TYPE", "ACTOR").contains("s0", "s1").doesNotContain("bob");
    assertThat(run(0, "audit", "show", "s2").out.toString())
        .contains("Session s2 of bob on shop")
        .contains("DELETE FROM orders");

    Path jsonl = dir.resolve("out.jsonl");
    run(0, "audit", "export", "--table", "orders", "--output", jsonl.toString());
    assertThat(Files.readAllLines(jsonl))
        .hasSize(3)
        .allMatch(l -> l.startsWith("{\"gateway\":\"gw-a\""));
    String csv = run(0, "audit", "export", "--format", "csv", "--actor", "bob").out.toString();
    List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("gateway,seq,at,type,actor");
    assertThat(lines.get(1)).startsWith("gw-a,3,").contains(",bob,s2,shop,allow,,orders,\"{");
  }

  @Test
  void verifyExitsWithOneAtABrokenLinkAndCatchesACutTailWithTheExportedHead() throws Exception {
    assertThat(run(0, "audit", "verify").out.toString()).contains("chain gw-a: intact, 3 events");
    String head = run(0, "audit", "head").out.toString().strip();
    assertThat(head).matches("gw-a:3:[0-9a-f]{64}");
    server.tamper("DELETE FROM drawbridge.audit_events WHERE seq = 3");
    assertThat(run(1, "audit", "verify", "--head", head).out.toString())
        .contains("BROKEN at seq")
        .contains("deleted from the end")
        .contains("does not verify");
    server.tamper("UPDATE drawbridge.audit_events SET actor = 'mallory' WHERE seq = 1");
    assertThat(run(1, "audit", "verify").out.toString()).contains("chain gw-a: BROKEN at seq 1");
  }
}
