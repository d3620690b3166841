package dev.drawbridge.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.gateway.store.AuditFilter;
import dev.drawbridge.gateway.store.AuditRow;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Statements through a real gateway, each paired with its outcome in the trail. */
@ExtendWith(PostgresExtension.class)
class AuditCaptureIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A statement event with its outcome. */
  record Paired(AuditRow statement, AuditRow outcome) {
    String text() {
      return field(statement, "text");
    }

    String result() {
      return field(outcome, "result");
    }

    String rows() {
      return field(outcome, "rows");
    }
  }

  static String field(AuditRow r, String name) {
    try {
      JsonNode n = JSON.readTree(r.details()).get(name);
      return n == null ? null : n.asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyStatementIsPairedWithItsOutcomeInBothProtocols(TestPostgres pg) throws Exception {
    pg.execute("DROP TABLE IF EXISTS audit_items");
    pg.execute("CREATE TABLE audit_items (id int PRIMARY KEY, secret text)");
    try (AuditFixture f = AuditFixture.create(pg, "audit_capture");
        AuditedGateway gw =
            new AuditedGateway(pg, f.start(AuditFixture.settings("gw-a", dir.resolve("s"))))) {
      try (Connection c = gw.connect("");
          PreparedStatement insert = c.prepareStatement("INSERT INTO audit_items VALUES (?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          insert.setInt(1, i);
          insert.setString(2, "hunter" + i);
          assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        try (Statement s = c.createStatement()) {
          assertThat(s.executeUpdate("UPDATE audit_items SET secret = 'x' WHERE id <= 2"))
              .isEqualTo(2);
          assertThatThrownBy(() -> s.executeQuery("SELECT 1 / (id - id) FROM audit_items"))
              .isInstanceOf(SQLException.class)
              .extracting(e -> ((SQLException) e).getSQLState())
              .isEqualTo("22012");
        }
      }
      try (Connection c = gw.connect("preferQueryMode=simple");
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT id FROM audit_items WHERE secret = 'hunter3'")) {
          assertThat(rs.next()).isTrue();
        }
        s.execute("DELETE FROM audit_items WHERE id = 3; DELETE FROM audit_items WHERE id = 2");
        assertThatThrownBy(() -> s.execute("DROP TABLE audit_items"))
            .isInstanceOf(SQLException.class);
      }

      List<AuditRow> rows = awaitEvents(f, 2, 20);
      List<Paired> paired = pair(rows);
      Map<String, Paired> byText = new LinkedHashMap<>();
      paired.forEach(p -> byText.put(p.text(), p));

      Paired insert = byText.get("INSERT INTO audit_items VALUES ( $1 , $2 )");
      assertThat(insert).as("texts: %s", byText.keySet()).isNotNull();
      assertThat(paired.stream().filter(p -> p.text().startsWith("INSERT")).count()).isEqualTo(3);
      assertThat(insert.result()).isEqualTo("ok");
      assertThat(insert.rows()).isEqualTo("1");
      assertThat(insert.statement().tables()).containsExactly("audit_items");
      assertThat(insert.statement().decision()).isEqualTo("allow");
      assertThat(field(insert.statement(), "class")).isEqualTo("write");

      Paired update = byText.get("UPDATE audit_items SET secret = ? WHERE id <= ?");
      assertThat(update).as("literals are redacted: %s", byText.keySet()).isNotNull();
      assertThat(update.rows()).isEqualTo("2");
      assertThat(field(update.outcome(), "tag")).isEqualTo("UPDATE 2");

      Paired failed = byText.get("SELECT ? / ( id - id ) FROM audit_items");
      assertThat(failed.result()).isEqualTo("error");
      assertThat(failed.outcome().rule()).isEqualTo("22012");

      Paired select = byText.get("SELECT id FROM audit_items WHERE secret = ?");
      assertThat(select.rows()).isEqualTo("1");
      assertThat(field(select.statement(), "protocol")).isEqualTo("simple_query");

      Paired twoDeletes =
          byText.get("DELETE FROM audit_items WHERE id = ? ; DELETE FROM audit_items WHERE id = ?");
      assertThat(twoDeletes.rows()).as("rows summed over the query's commands").isEqualTo("2");

      Paired drop = byText.get("DROP TABLE audit_items");
      assertThat(drop.statement().decision()).isNotEqualTo("allow");
      assertThat(field(drop.statement(), "class")).isEqualTo("ddl");
      assertThat(drop.result()).isEqualTo("error");
      assertThat(drop.outcome().rule()).isEqualTo(drop.statement().rule());

      assertThat(rows).noneMatch(r -> r.details().contains("hunter"));
      List<AuditRow> starts = rows.stream().filter(r -> r.type().equals("session.start")).toList();
      assertThat(starts).hasSize(2);
      assertThat(field(starts.getFirst(), "auth_method")).isEqualTo("gateway");
      assertThat(starts.getFirst().actor()).isEqualTo("alice");
      assertThat(new AuditVerifier(f.audit).verify(Map.of())).allMatch(ChainReport::intact);
      assertThat(gw.meters.get(StatementMeters.LATENCY).tag("result", "ok").timer().count())
          .isGreaterThanOrEqualTo(5);
      assertThat(gw.meters.get(StatementMeters.LATENCY).tag("result", "error").timer().count())
          .isGreaterThanOrEqualTo(2);
    } finally {
      pg.execute("DROP TABLE IF EXISTS audit_items");
    }
  }

  @Test
  void aStatementIsRefusedWhenItsEventCannotBeRecorded(TestPostgres pg) throws Exception {
    try (AuditFixture f = AuditFixture.create(pg, "audit_refuse_gw");
        AuditedGateway gw =
            new AuditedGateway(pg, f.start(AuditFixture.settings("gw-a", dir.resolve("s"))))) {
      try (Connection c = gw.connect("");
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT 1")) {
          assertThat(rs.next()).isTrue();
        }
        f.tamper("ALTER TABLE drawbridge.audit_events RENAME TO audit_events_away");
        assertThatThrownBy(() -> s.executeQuery("SELECT 2"))
            .isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo(AuditingSessionGate.AUDIT_UNAVAILABLE);
        f.tamper("ALTER TABLE drawbridge.audit_events_away RENAME TO audit_events");
        await().atMost(Duration.ofSeconds(20)).until(f.log::storeUp);
        try (ResultSet rs = s.executeQuery("SELECT 3")) {
          assertThat(rs.next()).isTrue();
        }
      }
    }
  }

  @Test
  void inSpoolModeDataStatementsRunDuringAnOutageAndSchemaChangesAreRefused(TestPostgres pg)
      throws Exception {
    Path spool = dir.resolve("gw.spool");
    try (AuditFixture f = AuditFixture.create(pg, "audit_spool_gw");
        AuditedGateway gw =
            new AuditedGateway(
                pg,
                f.start(AuditFixture.settings("gw-a", spool).withOutageMode(OutageMode.SPOOL)))) {
      try (Connection c = gw.connect("preferQueryMode=simple");
          Statement s = c.createStatement()) {
        s.execute("SELECT 1");
        f.tamper("ALTER TABLE drawbridge.audit_events RENAME TO audit_events_away");
        // the first write after the outage began fails and is spooled: the read still runs
        try (ResultSet rs = s.executeQuery("SELECT 'during the outage'")) {
          assertThat(rs.next()).isTrue();
        }
        assertThatThrownBy(() -> s.execute("CREATE TABLE audit_spool_ddl (a int)"))
            .isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo(AuditingSessionGate.AUDIT_UNAVAILABLE);
        assertThat(java.nio.file.Files.exists(spool)).isTrue();
        f.tamper("ALTER TABLE drawbridge.audit_events_away RENAME TO audit_events");
        await().atMost(Duration.ofSeconds(20)).until(() -> !java.nio.file.Files.exists(spool));
      }
      List<AuditRow> rows = f.audit.search(AuditFilter.all(1000));
      assertThat(rows)
          .filteredOn(r -> r.type().equals("statement") && field(r, "text").equals("SELECT ?"))
          .as("the statement run during the outage came back from the spool")
          .hasSize(2);
      try (Connection c = gw.connect("");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT to_regclass('audit_spool_ddl') IS NULL")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).as("the refused schema change did not run").isTrue();
      }
      assertThat(new AuditVerifier(f.audit).verify(Map.of())).allMatch(ChainReport::intact);
    } finally {
      pg.execute("DROP TABLE IF EXISTS audit_spool_ddl");
    }
  }

  private static List<AuditRow> awaitEvents(AuditFixture f, int sessions, int atLeast) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                f.audit.search(AuditFilter.all(1000)).stream()
                        .filter(r -> r.type().equals("session.end"))
                        .count()
                    == sessions);
    List<AuditRow> rows = f.audit.search(AuditFilter.all(1000));
    assertThat(rows.size()).isGreaterThanOrEqualTo(atLeast);
    return rows;
  }

  /** Each statement event with the outcome of the same session and number. */
  private static List<Paired> pair(List<AuditRow> rows) {
    List<Paired> out = new ArrayList<>();
    for (AuditRow st : rows) {
      if (!st.type().equals("statement")) {
        continue;
      }
      Optional<AuditRow> outcome =
          rows.stream()
              .filter(r -> r.type().equals("statement.outcome"))
              .filter(r -> r.sessionId().equals(st.sessionId()))
              .filter(r -> field(r, "statement").equals(field(st, "statement")))
              .findFirst();
      assertThat(outcome).as("outcome of %s", st.details()).isPresent();
      out.add(new Paired(st, outcome.get()));
    }
    return out;
  }
}
