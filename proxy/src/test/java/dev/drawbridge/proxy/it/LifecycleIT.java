package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/** Connection limit, authentication and idle timeouts, graceful shutdown, metrics. */
@ExtendWith(PostgresExtension.class)
class LifecycleIT {

  private static final dev.drawbridge.proxy.gate.StatementGate ALLOW =
      (s, st) -> GateDecision.allow();

  @Test
  void tooManyClients(TestPostgres pg) throws SQLException {
    try (ProxyFixture proxy = new ProxyFixture(pg, ALLOW, b -> b.maxClientConnections(2));
        Connection a = proxy.connect("");
        Connection b = proxy.connect("")) {
      assertThat(proxy.server.activeSessions()).isEqualTo(2);
      assertThatThrownBy(() -> proxy.connect("").close())
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("53300");
                assertThat(e.getMessage()).contains("sorry, too many clients already");
              });
      b.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> proxy.server.activeSessions() == 1);
      try (Connection c = proxy.connect("")) {
        assertThat(c.isValid(5)).isTrue();
      }
      assertThat(
              proxy
                  .meters
                  .get("drawbridge.proxy.connections.rejected")
                  .tag("reason", "too_many_connections")
                  .counter()
                  .count())
          .isEqualTo(1.0);
      assertThat(proxy.meters.get("drawbridge.proxy.connections").counter().count()).isEqualTo(3.0);
      assertThat(
              proxy.meters.get("drawbridge.proxy.bytes").tag("direction", "out").counter().count())
          .isPositive();
      assertThat(proxy.meters.get("drawbridge.proxy.upstream.connect").timer().count())
          .isEqualTo(3);
    }
  }

  @Test
  void clientStallingDuringAuthIsClosed(TestPostgres pg) throws Exception {
    try (ProxyFixture proxy =
            new ProxyFixture(pg, ALLOW, b -> b.authTimeout(Duration.ofSeconds(1)));
        RawClient silent = new RawClient(proxy.address);
        RawClient stalling = new RawClient(proxy.address)) {
      // one says nothing at all, the other stops after the password request
      stalling.send(
          RawClient.startup(
              0x00030000,
              "user",
              pg.roleFor(TestPostgres.PasswordRole.SCRAM_SHA_256).orElseThrow(),
              "database",
              pg.database()));
      assertThat(stalling.read().type()).isEqualTo('R');
      for (RawClient c : new RawClient[] {silent, stalling}) {
        RawClient.Message e = c.read();
        assertThat(e.type()).isEqualTo('E');
        assertThat(e.sqlState()).isEqualTo("08006");
        assertThat(e.fields().get('M')).isEqualTo("canceling authentication due to timeout");
        assertThat(c.closedByServer()).isTrue();
      }
    }
  }

  @Test
  void idleSessionTimesOut(TestPostgres pg) throws Exception {
    try (ProxyFixture proxy =
            new ProxyFixture(pg, ALLOW, b -> b.idleTimeout(Duration.ofMillis(300)));
        RawClient c = new RawClient(proxy.address)) {
      c.send(RawClient.startup(0x00030000, "user", pg.superuser(), "database", pg.database()));
      c.readUntil('Z');
      c.send(RawClient.query("SELECT pg_sleep(0.5)")); // busy longer than the idle timeout
      c.readUntil('Z');
      RawClient.Message e = c.readUntil('E');
      assertThat(e.sqlState()).isEqualTo("57P05");
      assertThat(e.fields().get('M'))
          .isEqualTo("terminating connection due to idle-session timeout");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void gracefulShutdownLetsRunningStatementsFinish(TestPostgres pg) throws Exception {
    ProxyFixture proxy = new ProxyFixture(pg, ALLOW, b -> b.shutdownGrace(Duration.ofSeconds(10)));
    try (Connection busy = proxy.connect("");
        Connection idle = proxy.connect("");
        Statement s = busy.createStatement()) {
      CompletableFuture<Integer> running =
          CompletableFuture.supplyAsync(
              () -> {
                try (ResultSet rs = s.executeQuery("SELECT 5 FROM pg_sleep(1.5)")) {
                  rs.next();
                  return rs.getInt(1);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      proxy.awaitRunning("pg_sleep(1.5)");
      long start = System.nanoTime();
      proxy.close();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo(5);
      assertThat(tookMillis).isLessThan(5000);
      assertThat(proxy.server.activeSessions()).isZero();
      assertThatThrownBy(() -> idle.createStatement().execute("SELECT 1"))
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void shutdownGraceIsABound(TestPostgres pg) throws Exception {
    ProxyFixture proxy = new ProxyFixture(pg, ALLOW, b -> b.shutdownGrace(Duration.ofMillis(300)));
    try (Connection busy = proxy.connect("socketTimeout=20");
        Statement s = busy.createStatement()) {
      CompletableFuture<Throwable> running =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  s.execute("SELECT pg_sleep(10.01)");
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      proxy.awaitRunning("pg_sleep(10.01)");
      long start = System.nanoTime();
      proxy.close();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
      assertThat(running.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void upstreamUnavailable(TestPostgres pg) throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (ProxyFixture proxy =
        new ProxyFixture(
            pg,
            ALLOW,
            b ->
                b.upstream(
                    new dev.drawbridge.proxy.ProxyConfig.Upstream(
                        "127.0.0.1",
                        closedPort,
                        pg.database(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty())))) {
      assertThatThrownBy(() -> proxy.connect("").close())
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("08006");
                assertThat(e.getMessage()).contains("could not connect to the upstream server");
              });
      await().atMost(Duration.ofSeconds(5)).until(() -> proxy.server.activeSessions() == 0);
    }
  }
}
