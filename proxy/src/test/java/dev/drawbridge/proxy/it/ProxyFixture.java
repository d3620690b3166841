package dev.drawbridge.proxy.it;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.ProxyServer;
import dev.drawbridge.proxy.gate.StatementGate;
import dev.drawbridge.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/** Starts a {@link ProxyServer} on port 0 in front of the test PostgreSQL. */
final class ProxyFixture implements AutoCloseable {

  final ProxyServer server;
  final InetSocketAddress address;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TestPostgres pg;

  ProxyFixture(TestPostgres pg, StatementGate gate, Consumer<ProxyConfig.Builder> customize) {
    this.pg = pg;
    ProxyConfig.Builder b =
        ProxyConfig.builder()
            .listen(new InetSocketAddress("127.0.0.1", 0))
            .upstream(
                new ProxyConfig.Upstream(
                    pg.host(), pg.port(), pg.database(), Optional.empty(), Optional.empty()))
            .eventLoopThreads(2);
    customize.accept(b);
    server = new ProxyServer(b.build(), gate, meters, Clock.systemUTC());
    address = server.start();
  }

  ProxyFixture(TestPostgres pg) {
    this(pg, (s, st) -> dev.drawbridge.proxy.gate.GateDecision.allow(), b -> {});
  }

  String url(String extra) {
    return "jdbc:postgresql://127.0.0.1:"
        + address.getPort()
        + "/"
        + pg.database()
        + "?sslmode=disable&connectTimeout=10&socketTimeout=60"
        + (extra.isEmpty() ? "" : "&" + extra);
  }

  Connection connect(String extra) throws SQLException {
    return connect(pg.superuser(), null, extra);
  }

  Connection connect(String user, String password, String extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    return DriverManager.getConnection(url(extra), p);
  }

  /** Waits until the upstream runs a statement containing {@code fragment}. */
  void awaitRunning(String fragment) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    try (Connection c = pg.connect();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND query LIKE '%' || ? || '%' AND pid <> pg_backend_pid()")) {
      ps.setString(1, fragment);
      while (System.nanoTime() < deadline) {
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("never saw a running statement with " + fragment);
  }

  @Override
  public void close() {
    server.close();
  }
}
