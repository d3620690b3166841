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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * Enforcement through the real gateway on the embedded PostgreSQL, with pgjdbc and psql: the paths
 * the gate decides at once (reads, writes, safe DDL, role changes, code blocks, agents).
 */
@ExtendWith(PostgresExtension.class)
class EnforcementIT {

  private static EnforcedGateway gw;

  @BeforeAll
  static void start(TestPostgres pg) throws Exception {
    pg.execute(
        "DROP TABLE IF EXISTS enf_orders; CREATE TABLE enf_orders (id int PRIMARY KEY, qty int);"
            + " INSERT INTO enf_orders SELECT g, 1 FROM generate_series(1, 5000) g; ANALYZE"
            + " enf_orders");
    gw = new EnforcedGateway(pg, PolicyMode.ENFORCE);
  }

  @AfterAll
  static void stop() {
    if (gw != null) {
      gw.close();
    }
  }

  private static String sqlState(SQLException e) {
    return e.getSQLState();
  }

  private static boolean columnExists(String table, String column) throws SQLException {
    try (Connection c = gw.pg.connect();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND"
                    + " column_name = ?")) {
      p.setString(1, table);
      p.setString(2, column);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1) == 1;
      }
    }
  }

  @Test
  void engineerDmlFlowsInBothProtocols() throws Exception {
    for (String mode : new String[] {"extended", "simple"}) {
      try (Connection c = gw.connect("alice", "preferQueryMode=" + mode);
          Statement s = c.createStatement()) {
        assertThat(s.executeUpdate("UPDATE enf_orders SET qty = qty + 1 WHERE id <= 10"))
            .isEqualTo(10);
        c.setAutoCommit(false);
        try (PreparedStatement p =
            c.prepareStatement("SELECT sum(qty) FROM enf_orders WHERE id <= ?")) {
          p.setInt(1, 10);
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(20);
          }
        }
        c.commit();
      }
    }
    assertThat(gw.decisions("write", "allow")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void safeNullableAddColumnIsAllowed() throws Exception {
    try (Connection c = gw.connect("alice");
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE enf_orders ADD COLUMN IF NOT EXISTS note text");
    }
    assertThat(columnExists("enf_orders", "note")).isTrue();
  }

  @Test
  void roleChangeThroughSetConfigInASelectIsRefused() throws Exception {
    try (Connection c = gw.connect("alice");
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT set_config('role', 'pg_monitor', false)"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(sqlState(e)).isEqualTo("42501");
                assertThat(e.getMessage()).contains("changing the session's role");
              });
      try (ResultSet rs = s.executeQuery("SELECT current_user = session_user")) {
        rs.next();
        assertThat(rs.getBoolean(1)).as("the role did not change").isTrue();
      }
    }
  }

  @Test
  void setRoleIsRefused() throws Exception {
    try (Connection c = gw.connect("alice", "preferQueryMode=simple");
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("SET ROLE pg_monitor"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(sqlState(e)).isEqualTo("42501"));
    }
  }

  @Test
  void ddlInADoBlockIsRefusedInBothProtocols() throws Exception {
    String doBlock =
        "DO $$ BEGIN EXECUTE 'ALTER TABLE enf_orders ADD COLUMN sneaky uuid NOT NULL DEFAULT"
            + " gen_random_uuid()'; END $$";
    for (String mode : new String[] {"extended", "simple"}) {
      try (Connection c = gw.connect("alice", "preferQueryMode=" + mode);
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute(doBlock))
            .isInstanceOfSatisfying(
                PSQLException.class,
                e -> {
                  assertThat(sqlState(e)).isEqualTo("42501");
                  assertThat(e.getServerErrorMessage().getHint()).contains("plain statements");
                });
      }
    }
    assertThat(columnExists("enf_orders", "sneaky")).isFalse();
  }

  @Test
  void roleChangeHiddenInAMultiStatementQueryIsRefusedWithoutRunningAnyOfIt() throws Exception {
    try (Connection c = gw.connect("alice", "preferQueryMode=simple");
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () ->
                  s.execute(
                      "UPDATE enf_orders SET qty = -1 WHERE id = 1; SET ROLE pg_monitor; SELECT 1"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> assertThat(e.getServerErrorMessage().getDetail()).contains("statement 2 of 3"));
      try (ResultSet rs = s.executeQuery("SELECT qty FROM enf_orders WHERE id = 1")) {
        rs.next();
        assertThat(rs.getInt(1)).isNotEqualTo(-1);
      }
    }
  }

  @Test
  void agentReadsButCannotWrite() throws Exception {
    try (Connection c = gw.connect("bot");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM enf_orders")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(5000);
      }
      // the upstream session itself carries the agent's limits
      try (ResultSet rs =
          s.executeQuery(
              "SELECT current_setting('statement_timeout'),"
                  + " current_setting('default_transaction_read_only')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("30s");
        assertThat(rs.getString(2)).isEqualTo("on");
      }
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM enf_orders"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(sqlState(e)).isEqualTo("42501");
                assertThat(e.getMessage()).contains("agents are read-only");
              });
    }
    try (Connection c = gw.pg.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM enf_orders")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(5000);
    }
  }

  @Test
  void psqlShowsTheRefusalWithDetailAndHint() throws Exception {
    Path psql = EnforcedGateway.tool("psql");
    assumeTrue(psql != null, "psql not installed");
    EnforcedGateway.Result r =
        gw.run(psql, "alice", "-X", "-v", "VERBOSITY=verbose", "-c", "DO $$ BEGIN END $$");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output())
        .contains("ERROR:  42501: Drawbridge does not understand this statement")
        .contains("DETAIL:")
        .contains("HINT:");
    EnforcedGateway.Result ok =
        gw.run(psql, "alice", "-X", "-A", "-t", "-c", "SELECT count(*) FROM enf_orders");
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.output().strip()).isEqualTo("5000");
  }

  @Test
  void pgbenchStyleDmlStillFlows() throws Exception {
    Path pgbench = EnforcedGateway.tool("pgbench");
    assumeTrue(pgbench != null, "pgbench not installed");
    // the schema is set up directly: pgbench -i's DDL is not what this checks
    gw.pg.execute(
        "DROP TABLE IF EXISTS pgbench_accounts, pgbench_branches, pgbench_tellers, pgbench_history;"
            + " CREATE TABLE pgbench_branches (bid int PRIMARY KEY, bbalance int, filler char(88));"
            + " CREATE TABLE pgbench_tellers (tid int PRIMARY KEY, bid int, tbalance int, filler"
            + " char(84)); CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance"
            + " int, filler char(84)); CREATE TABLE pgbench_history (tid int, bid int, aid int,"
            + " delta int, mtime timestamp, filler char(22));"
            + " INSERT INTO pgbench_branches SELECT 1, 0; INSERT INTO pgbench_tellers SELECT g, 1,"
            + " 0 FROM generate_series(1, 10) g; INSERT INTO pgbench_accounts SELECT g, 1, 0 FROM"
            + " generate_series(1, 100000) g");
    for (String mode : new String[] {"simple", "prepared"}) {
      EnforcedGateway.Result r = gw.run(pgbench, "alice", "-n", "-t", "50", "-c", "2", "-M", mode);
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("number of failed transactions: 0");
      // a fixed number of transactions, not a duration: the shared machine may be slow
      assertThat(r.output()).contains("number of transactions actually processed: 100/100");
    }
  }
}
