package dev.drawbridge.gateway.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Unsafe schema changes through the real gateway: the gate fetches catalog facts and opens a change
 * request off the event loop, so these decisions are {@code Deferred} and need the proxy's support
 * for deferred decisions (StatementRelay holding the session's messages until they complete).
 */
@ExtendWith(PostgresExtension.class)
class DeferredEnforcementIT {

  private static final String UNSAFE =
      "ALTER TABLE def_orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()";

  private static EnforcedGateway gw;

  @BeforeAll
  static void start(TestPostgres pg) throws Exception {
    pg.execute(
        "DROP TABLE IF EXISTS def_orders; CREATE TABLE def_orders (id int PRIMARY KEY, qty int);"
            + " INSERT INTO def_orders SELECT g, 1 FROM generate_series(1, 20000) g; ANALYZE"
            + " def_orders");
    gw = new EnforcedGateway(pg, PolicyMode.ENFORCE);
  }

  @AfterAll
  static void stop() {
    if (gw != null) {
      gw.close();
    }
  }

  private static boolean refExists() throws SQLException {
    try (Connection c = gw.pg.connect();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'def_orders'"
                    + " AND column_name = 'ref'")) {
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1) == 1;
      }
    }
  }

  private static ServerErrorMessage refused(String mode, String sql) throws SQLException {
    try (Connection c = gw.connect("alice", "preferQueryMode=" + mode);
        Statement s = c.createStatement()) {
      PSQLException e =
          (PSQLException) org.assertj.core.api.Assertions.catchThrowable(() -> s.execute(sql));
      assertThat((Throwable) e).as(sql).isNotNull();
      assertThat(e.getSQLState()).isEqualTo("42501");
      // the session is still usable afterwards
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
      return e.getServerErrorMessage();
    }
  }

  @Test
  void unsafeAddColumnOnAPopulatedTableIsRefusedWithARequestId() throws Exception {
    ServerErrorMessage m = refused("simple", UNSAFE);
    assertThat(m.getMessage()).containsPattern("change request CR-\\d+");
    assertThat(m.getDetail())
        .contains("ACCESS EXCLUSIVE")
        .contains("Risk on")
        .contains("Staged plan");
    assertThat(m.getHint()).contains("drawbridge approve CR-");
    assertThat(refExists()).isFalse();
    assertThat(gw.desk.drafts()).anyMatch(d -> d.statement().equals(UNSAFE));
  }

  @Test
  void unsafeDdlThroughExtendedProtocolParseIsRefused() throws Exception {
    ServerErrorMessage m = refused("extended", UNSAFE);
    assertThat(m.getMessage()).contains("CR-");
    assertThat(refExists()).isFalse();
  }

  @Test
  void unsafeDdlInAMultiStatementQueryIsRefused() throws Exception {
    ServerErrorMessage m =
        refused("simple", "UPDATE def_orders SET qty = 7 WHERE id = 1; " + UNSAFE);
    assertThat(m.getDetail()).contains("statement 2 of 2");
    try (Connection c = gw.pg.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT qty FROM def_orders WHERE id = 1")) {
      rs.next();
      assertThat(rs.getInt(1)).as("nothing of the query ran").isNotEqualTo(7);
    }
  }

  @Test
  void psqlShowsTheRequestRiskAndPlan() throws Exception {
    Path psql = EnforcedGateway.tool("psql");
    assumeTrue(psql != null, "psql not installed");
    EnforcedGateway.Result r = gw.run(psql, "alice", "-X", "-c", UNSAFE);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output())
        .contains("ERROR:  Drawbridge stopped ALTER TABLE: it needs approval; change request CR-")
        .contains("DETAIL:")
        .contains("HINT:  See it with \"drawbridge requests show CR-");
  }

  @Test
  void agentCannotChangeTheSchemaWithoutApproval() throws Exception {
    try (Connection c = gw.connect("bot");
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("ALTER TABLE def_orders ADD COLUMN agent_note text"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }
  }

  @Test
  void onceGrantedTheSameStatementRuns() throws Exception {
    String sql =
        "ALTER TABLE def_orders ADD COLUMN granted uuid NOT NULL DEFAULT gen_random_uuid()";
    refused("simple", sql);
    var draft =
        gw.desk.drafts().stream().filter(d -> d.statement().equals(sql)).findFirst().orElseThrow();
    gw.desk.grant(draft, Instant.now().plus(1, ChronoUnit.HOURS));
    try (Connection c = gw.connect("alice", "preferQueryMode=simple");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
    try (Connection c = gw.pg.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(granted) FROM def_orders")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(20000);
    }
  }
}
