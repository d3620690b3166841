package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.RecordingStatementGate;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/** The statement gate: deny (in order, aborting the transaction), rewrite, recording. */
@ExtendWith(PostgresExtension.class)
class GateIT {

  private static final SimpleMeterRegistry gateMeters = new SimpleMeterRegistry();
  private static final RecordingStatementGate gate =
      new RecordingStatementGate(
          (session, statement) -> {
            String sql = statement.sql();
            if (sql.contains("forbidden")) {
              return GateDecision.deny(
                  "42501",
                  "statement needs approval",
                  "it touches a forbidden table",
                  "ask an approver");
            }
            if (sql.contains("'rewrite-me'")) {
              return GateDecision.rewrite(sql.replace("'rewrite-me'", "'rewritten'"));
            }
            return GateDecision.allow();
          },
          gateMeters,
          Clock.systemUTC(),
          100);
  private static ProxyFixture proxy;

  @BeforeAll
  static void start(TestPostgres pg) throws SQLException {
    proxy = new ProxyFixture(pg, gate, b -> {});
    pg.execute("DROP TABLE IF EXISTS gate_t");
    pg.execute("CREATE TABLE gate_t (id int primary key)");
    pg.execute("CREATE TABLE IF NOT EXISTS forbidden (id int)");
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @BeforeEach
  void clean() throws SQLException {
    proxy.pg.execute("TRUNCATE gate_t");
  }

  private static void assertDenied(Throwable t) {
    assertThat(t)
        .isInstanceOfSatisfying(
            PSQLException.class,
            e -> {
              assertThat(e.getSQLState()).isEqualTo("42501");
              assertThat(e.getServerErrorMessage()).isNotNull();
              assertThat(e.getServerErrorMessage().getMessage())
                  .isEqualTo("statement needs approval");
              assertThat(e.getServerErrorMessage().getDetail())
                  .isEqualTo("it touches a forbidden table");
              assertThat(e.getServerErrorMessage().getHint()).isEqualTo("ask an approver");
            });
  }

  private static int count() throws SQLException {
    try (Connection c = proxy.pg.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM gate_t")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"preferQueryMode=simple", "prepareThreshold=1", "preferQueryMode=extended"})
  void denialAbortsTheTransactionAndTheSessionGoesOn(String mode) throws SQLException {
    try (Connection c = proxy.connect(mode);
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("SELECT * FROM forbidden"))
          .satisfies(GateIT::assertDenied);
      // the session works after a denial outside a transaction
      try (ResultSet rs = s.executeQuery("SELECT 7")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(7);
      }
      c.setAutoCommit(false);
      s.execute("INSERT INTO gate_t VALUES (1)");
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM forbidden WHERE id = ?")) {
        ps.setInt(1, 1);
        assertThatThrownBy(ps::executeQuery).satisfies(GateIT::assertDenied);
      }
      // the upstream transaction is aborted too
      assertThatThrownBy(() -> s.execute("SELECT 1"))
          .isInstanceOfSatisfying(
              PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
      c.commit(); // PostgreSQL turns it into a ROLLBACK (pgjdbc stays silent by default)
      c.setAutoCommit(true);
      assertThat(count()).isZero();
      try (ResultSet rs = s.executeQuery("SELECT 8")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(8);
      }
    }
  }

  @Test
  void explicitCommitAfterADenialDoesNotCommit() throws SQLException {
    try (Connection c = proxy.connect("preferQueryMode=simple");
        Statement s = c.createStatement()) {
      s.execute("BEGIN");
      s.execute("INSERT INTO gate_t VALUES (1)");
      assertThatThrownBy(() -> s.execute("DELETE FROM forbidden")).satisfies(GateIT::assertDenied);
      s.execute("COMMIT"); // PostgreSQL answers ROLLBACK
      assertThat(count()).isZero();
    }
  }

  @Test
  void denialInAPipelineDiscardsUntilSync() throws SQLException {
    try (Connection c = proxy.connect("preferQueryMode=extended");
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.addBatch("INSERT INTO gate_t VALUES (1)");
      s.addBatch("INSERT INTO forbidden VALUES (2)");
      s.addBatch("INSERT INTO gate_t VALUES (3)");
      assertThatThrownBy(s::executeBatch)
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e -> assertDenied(e.getNextException() == null ? e : e.getNextException()));
      c.rollback();
      c.setAutoCommit(true);
      assertThat(count()).isZero();
      // the third statement never reached the gate: the session discarded it until Sync
      assertThat(
              gate.recent().stream()
                  .map(r -> r.statement().sql())
                  .filter(sql -> sql.contains("VALUES (3)")))
          .isEmpty();
      try (ResultSet rs = s.executeQuery("SELECT 9")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(9);
      }
    }
  }

  @Test
  void anEarlierErrorWinsOverALaterDenial() throws SQLException {
    try (Connection c = proxy.connect("preferQueryMode=extended");
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO gate_t VALUES (1)");
      c.setAutoCommit(false);
      s.addBatch("INSERT INTO gate_t VALUES (1)"); // duplicate key: fails first
      s.addBatch("INSERT INTO forbidden VALUES (2)");
      assertThatThrownBy(s::executeBatch)
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e -> {
                SQLException first = e.getNextException() == null ? e : e.getNextException();
                assertThat(first.getSQLState()).isEqualTo("23505");
              });
      c.rollback();
      // later errors are the upstream's own, not a stale replacement
      assertThatThrownBy(() -> s.execute("SELECT 1/0"))
          .isInstanceOfSatisfying(
              PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22012"));
      c.rollback();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
  void rewriteForwardsOtherSql(String mode) throws SQLException {
    try (Connection c = proxy.connect(mode);
        PreparedStatement ps = c.prepareStatement("SELECT 'rewrite-me', ?::int")) {
      for (int i = 0; i < 3; i++) {
        ps.setInt(1, i);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("rewritten");
          assertThat(rs.getInt(2)).isEqualTo(i);
        }
      }
    }
  }

  @Test
  void recordingGateSeesSessionAndStatements() throws SQLException {
    try (Connection c = proxy.connect("preferQueryMode=simple&ApplicationName=gate-test");
        Statement s = c.createStatement()) {
      s.execute("SELECT 'recorded-statement'");
    }
    var rec =
        gate.recent().stream()
            .filter(r -> r.statement().sql().contains("recorded-statement"))
            .findFirst()
            .orElseThrow();
    assertThat(rec.statement().protocol()).isEqualTo(GateStatement.Protocol.SIMPLE_QUERY);
    assertThat(rec.session().user()).isEqualTo(proxy.pg.superuser());
    assertThat(rec.session().applicationName()).isEqualTo("gate-test");
    assertThat(rec.session().database()).isEqualTo(proxy.pg.database());
    assertThat(
            gateMeters
                .get(RecordingStatementGate.METRIC)
                .tag("decision", "allow")
                .counter()
                .count())
        .isPositive();
    assertThat(proxy.meters.get("drawbridge.proxy.statements").tag("decision", "deny").counter())
        .isNotNull();
  }

  @Test
  void theGateReadsTheClientsEncoding(TestPostgres pg) throws Exception {
    try (RawClient c = new RawClient(proxy.address)) {
      c.send(
          RawClient.startup(
              0x00030000,
              "user",
              pg.superuser(),
              "database",
              pg.database(),
              "client_encoding",
              "LATIN1"));
      c.readUntil('Z');
      byte[] sql =
          "SELECT 'caf\u00e9 ' || 'rewrite-me'"
              .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      byte[] body = java.util.Arrays.copyOf(sql, sql.length + 1);
      c.send(RawClient.message('Q', body));
      RawClient.Message row = c.readUntil('D');
      c.readUntil('Z');
      // the gate saw the text, not mojibake, and the rewrite went out in LATIN1 too
      assertThat(gate.recent().getLast().statement().sql())
          .isEqualTo("SELECT 'caf\u00e9 ' || 'rewrite-me'");
      String value =
          new String(
              row.body(), 6, row.body().length - 6, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(value).isEqualTo("caf\u00e9 rewritten");
      // SET client_encoding mid-session is followed as well
      c.send(RawClient.query("SET client_encoding = 'UTF8'"));
      c.readUntil('Z');
      byte[] utf8 = "SELECT 'na\u00efve'".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      c.send(RawClient.message('Q', java.util.Arrays.copyOf(utf8, utf8.length + 1)));
      c.readUntil('Z');
      assertThat(gate.recent().getLast().statement().sql()).isEqualTo("SELECT 'na\u00efve'");
    }
  }
}
