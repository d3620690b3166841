package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.auth.ScramVerifiers;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionControl;
import dev.drawbridge.proxy.gate.SessionGate;
import dev.drawbridge.proxy.gate.StatementGate;
import dev.drawbridge.proxy.gate.UpstreamCredential;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/**
 * A gate moves a live session to another upstream login (as JIT elevation does): the session keeps
 * its settings and prepared statements, the old backend goes away, cancel follows the session, and
 * a move that cannot be made leaves the session where it was, with a reason.
 */
@ExtendWith(PostgresExtension.class)
class LoginSwitchIT {

  private static ProxyFixture proxy;
  private static UpstreamCredential base;
  private static UpstreamCredential other;
  private static String otherRole;

  @BeforeAll
  static void start(TestPostgres pg) throws SQLException {
    Optional<String> scram = pg.roleFor(TestPostgres.PasswordRole.SCRAM_SHA_256);
    assumeTrue(scram.isPresent(), "the test server has no SCRAM login role");
    otherRole = scram.get();
    pg.execute("GRANT ALL ON SCHEMA public TO " + otherRole);
    base =
        new UpstreamCredential(
            pg.superuser(),
            pg.superuserPassword().isEmpty()
                ? Optional.empty()
                : Optional.of(pg.superuserPassword()),
            Map.of());
    other =
        new UpstreamCredential(
            otherRole,
            Optional.of(TestPostgres.ROLE_PASSWORD),
            Map.of("options", "-c statement_timeout=45000"));
    proxy =
        new ProxyFixture(
            pg,
            new SwitchingGate(),
            b ->
                b.authMode(ProxyConfig.AuthMode.GATEWAY)
                    .upstream(
                        new ProxyConfig.Upstream(
                            pg.host(),
                            pg.port(),
                            pg.database(),
                            Optional.of(base.user()),
                            base.password()))
                    .addUser(
                        new ProxyConfig.LocalUser(
                            "alice", ScramVerifiers.create("alice-pw"), Set.of("engineer"))));
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** Statements tagged with a comment ask for a login: other, base, or a wrong password. */
  private static final class SwitchingGate implements StatementGate {
    @Override
    public GateDecision check(GateSession session, GateStatement statement) {
      return GateDecision.allow();
    }

    @Override
    public SessionGate open(GateSession session, SessionControl control) {
      return new SessionGate() {
        @Override
        public GateDecision check(GateStatement statement) {
          String sql = statement.sql();
          UpstreamCredential wanted =
              sql.contains("/*login:other*/")
                  ? other
                  : sql.contains("/*login:base*/")
                      ? base
                      : sql.contains("/*login:wrong*/")
                          ? new UpstreamCredential(
                              otherRole, Optional.of("not-the-password"), Map.of())
                          : null;
          if (sql.contains("/*notice*/")) {
            control.notice("step 1 of 2 done", "20000 rows");
            control.notice("step 2 of 2 done", null);
            return GateDecision.deferred(
                java.util.concurrent.CompletableFuture.supplyAsync(
                    GateDecision::allow,
                    java.util.concurrent.CompletableFuture.delayedExecutor(
                        50, java.util.concurrent.TimeUnit.MILLISECONDS)));
          }
          if (wanted == null) {
            return GateDecision.allow();
          }
          return GateDecision.deferred(
              control
                  .switchLogin(wanted)
                  .handle(
                      (ok, failure) ->
                          failure == null
                              ? GateDecision.allow()
                              : GateDecision.deny(
                                  "55000",
                                  "cannot change login",
                                  reason(failure),
                                  "finish the transaction first")));
        }
      };
    }
  }

  private static String reason(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null
        ? t.getCause().getMessage()
        : t.getMessage();
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static int backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return Integer.parseInt(one(s, "SELECT pg_backend_pid()"));
    }
  }

  private static boolean backendAlive(int pid) throws SQLException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Connection c = proxy.pg.connect();
          Statement s = c.createStatement()) {
        if (one(s, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid).equals("0")) {
          return false;
        }
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Test
  void theSessionMovesWithItsSettingsAndPreparedStatements() throws Exception {
    try (Connection c = proxy.connect("alice", "alice-pw", "prepareThreshold=1");
        Statement s = c.createStatement()) {
      s.execute("SET search_path = \"$user\", public, pg_catalog");
      s.execute("SET work_mem = '7MB'");
      s.execute("SET application_name = 'moving-app'");
      PreparedStatement ps = c.prepareStatement("SELECT ?::int + 1");
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
      int before = backendPid(c);
      assertThat(one(s, "SELECT current_user")).isEqualTo(base.user());

      assertThat(one(s, "/*login:other*/ SELECT current_user")).isEqualTo(otherRole);

      assertThat(backendPid(c)).isNotEqualTo(before);
      assertThat(backendAlive(before)).isFalse();
      assertThat(one(s, "SHOW search_path")).isEqualTo("\"$user\", public, pg_catalog");
      assertThat(one(s, "SHOW work_mem")).isEqualTo("7MB");
      assertThat(one(s, "SHOW application_name")).isEqualTo("moving-app");
      assertThat(one(s, "SHOW statement_timeout")).isEqualTo("45s");
      // the named statement pgjdbc prepared on the old backend runs on the new one
      ps.setInt(1, 41);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
      ps.close();
      // the client heard about the new session user
      assertThat(((PGConnection) c).getParameterStatus("session_authorization"))
          .isEqualTo(otherRole);

      assertThat(one(s, "/*login:base*/ SELECT current_user")).isEqualTo(base.user());
      assertThat(one(s, "SHOW statement_timeout")).isEqualTo("0");
      assertThat(one(s, "SHOW work_mem")).isEqualTo("7MB");
    }
  }

  @Test
  void noticesFromTheGateReachTheClientBeforeTheAnswer() throws SQLException {
    try (Connection c = proxy.connect("alice", "alice-pw", "");
        Statement s = c.createStatement()) {
      assertThat(one(s, "/*notice*/ SELECT 'done'")).isEqualTo("done");
      java.sql.SQLWarning w = s.getWarnings();
      assertThat((Object) w).isNotNull();
      assertThat(w.getMessage()).contains("step 1 of 2 done");
      assertThat(w.getNextWarning().getMessage()).contains("step 2 of 2 done");
    }
  }

  @Test
  void insideATransactionBlockTheSessionStaysAndIsTold() throws SQLException {
    try (Connection c = proxy.connect("alice", "alice-pw", "");
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SELECT 1");
      assertThatThrownBy(() -> s.execute("/*login:other*/ SELECT 1"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("55000");
                assertThat(e.getServerErrorMessage().getDetail())
                    .contains("inside a transaction block");
              });
      c.rollback();
      c.setAutoCommit(true);
      assertThat(one(s, "SELECT current_user")).isEqualTo(base.user());
      assertThat(one(s, "/*login:other*/ SELECT current_user")).isEqualTo(otherRole);
    }
  }

  @Test
  void stateThatCannotMoveKeepsTheSessionWhereItIs() throws SQLException {
    try (Connection c = proxy.connect("alice", "alice-pw", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE scratch (v int)");
      s.execute("LISTEN moving_channel");
      int pid = backendPid(c);
      assertThatThrownBy(() -> s.execute("/*login:other*/ SELECT 1"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e ->
                  assertThat(e.getServerErrorMessage().getDetail())
                      .contains("a temporary table (scratch)")
                      .contains("LISTEN (moving_channel)"));
      assertThat(backendPid(c)).isEqualTo(pid);
      s.execute("INSERT INTO scratch VALUES (1)");
    }
  }

  @Test
  void aLoginTheUpstreamRefusesKeepsTheSession() throws SQLException {
    try (Connection c = proxy.connect("alice", "alice-pw", "");
        Statement s = c.createStatement()) {
      s.execute("SET work_mem = '5MB'");
      int pid = backendPid(c);
      assertThatThrownBy(() -> s.execute("/*login:wrong*/ SELECT 1"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> assertThat(e.getServerErrorMessage().getDetail()).contains("was refused"));
      assertThat(backendPid(c)).isEqualTo(pid);
      assertThat(one(s, "SHOW work_mem")).isEqualTo("5MB");
    }
  }

  @Test
  void cancelReachesTheBackendTheSessionMovedTo() throws Exception {
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (Connection c = proxy.connect("alice", "alice-pw", "");
        Statement s = c.createStatement()) {
      assertThat(one(s, "/*login:other*/ SELECT current_user")).isEqualTo(otherRole);
      Future<?> sleeping = runner.submit(() -> s.execute("SELECT pg_sleep(30) /*cancel-me*/"));
      proxy.awaitRunning("cancel-me");
      s.cancel();
      assertThatThrownBy(sleeping::get)
          .hasCauseInstanceOf(PSQLException.class)
          .cause()
          .satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("57014"));
      assertThat(one(s, "SELECT current_user")).isEqualTo(otherRole);
    } finally {
      runner.shutdownNow();
    }
  }
}
