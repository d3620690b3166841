package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * Settings in the startup packet reach the gate as SET statements before the upstream sees them:
 * {@code options=-c role=…} cannot slip past a gate that refuses role changes.
 */
@ExtendWith(PostgresExtension.class)
class StartupSettingsIT {

  private static final List<GateStatement> startup = new CopyOnWriteArrayList<>();
  private static ProxyFixture proxy;

  @BeforeAll
  static void start(TestPostgres pg) throws SQLException {
    proxy =
        new ProxyFixture(
            pg,
            (session, statement) -> {
              if (statement.protocol() != GateStatement.Protocol.STARTUP) {
                return GateDecision.allow();
              }
              startup.add(statement);
              String sql = statement.sql();
              if (sql.startsWith("SET role ") || sql.startsWith("SET session_authorization ")) {
                return GateDecision.deny(
                    "42501", "role changes are not allowed", "set in the startup packet", null);
              }
              if (sql.startsWith("SET search_path ")) {
                // judged later, as the policy gate does when it needs the catalog
                return GateDecision.deferred(
                    CompletableFuture.supplyAsync(
                        () -> GateDecision.allow(),
                        CompletableFuture.delayedExecutor(
                            20, java.util.concurrent.TimeUnit.MILLISECONDS)));
              }
              return GateDecision.allow();
            },
            b -> {});
    pg.execute(
        "DO $$ BEGIN CREATE ROLE startup_other; EXCEPTION WHEN duplicate_object THEN END $$");
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @BeforeEach
  void clear() {
    startup.clear();
  }

  @Test
  void aRoleInOptionsIsRefusedBeforeLogin() {
    assertThatThrownBy(() -> proxy.connect("options=-c%20role%3Dstartup_other").close())
        .isInstanceOfSatisfying(
            PSQLException.class,
            e -> {
              assertThat(e.getSQLState()).isEqualTo("42501");
              assertThat(e.getMessage()).contains("role changes are not allowed");
            });
    assertThat(startup).extracting(GateStatement::sql).contains("SET role TO 'startup_other'");
  }

  @Test
  void allowedSettingsReachTheServerAfterTheGateSawThem() throws SQLException {
    try (Connection c = proxy.connect("options=-c%20search_path%3Dpg_catalog%20--work-mem%3D7MB");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT current_setting('search_path'), current_setting('work_mem')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("pg_catalog");
      assertThat(rs.getString(2)).isEqualTo("7MB");
    }
    assertThat(startup)
        .extracting(GateStatement::sql)
        .contains("SET search_path TO 'pg_catalog'", "SET work_mem TO '7MB'");
  }

  @Test
  void aServerSwitchInOptionsIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> proxy.connect("options=-B%20100").close())
        .isInstanceOfSatisfying(
            PSQLException.class,
            e -> {
              assertThat(e.getSQLState()).isEqualTo("0A000");
              assertThat(e.getMessage()).contains("only -c name=value");
            });
  }
}
