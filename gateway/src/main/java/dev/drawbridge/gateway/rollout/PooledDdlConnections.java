package dev.drawbridge.gateway.rollout;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small HikariCP pools with the upstream DDL credential, one per database (created on first use). A
 * rollout uses one connection for its statements plus one to look up blockers and throttling.
 */
public final class PooledDdlConnections implements DdlConnections, AutoCloseable {

  /**
   * How to reach the upstream as the DDL user.
   *
   * @param poolSize connections per database (at least 2)
   */
  public record Upstream(
      String host,
      int port,
      String user,
      Optional<String> password,
      int poolSize,
      Duration connectTimeout) {
    public Upstream {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      if (poolSize < 2) {
        throw new IllegalArgumentException("the ddl pool needs at least two connections");
      }
    }
  }

  private final Upstream upstream;
  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public PooledDdlConnections(Upstream upstream) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
  }

  @Override
  public Connection open(String database) throws SQLException {
    if (closed) {
      throw new SQLException("the ddl pool is closed");
    }
    return pools.computeIfAbsent(database, this::newPool).getConnection();
  }

  private HikariDataSource newPool(String database) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("drawbridge-ddl-" + database);
    c.setJdbcUrl("jdbc:postgresql://" + upstream.host() + ":" + upstream.port() + "/" + database);
    c.setUsername(upstream.user());
    upstream.password().ifPresent(c::setPassword);
    c.setMaximumPoolSize(upstream.poolSize());
    c.setMinimumIdle(0);
    c.setConnectionTimeout(Math.max(250, upstream.connectTimeout().toMillis()));
    c.setInitializationFailTimeout(-1);
    c.addDataSourceProperty("ApplicationName", "drawbridge-rollout");
    return new HikariDataSource(c);
  }

  @Override
  public void close() {
    closed = true;
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}
