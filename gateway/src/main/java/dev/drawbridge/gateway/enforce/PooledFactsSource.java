package dev.drawbridge.gateway.enforce;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drawbridge.gateway.catalog.CatalogCache;
import dev.drawbridge.gateway.catalog.InspectedCatalog;
import dev.drawbridge.gateway.catalog.ObjectReferences;
import dev.drawbridge.policy.facts.CatalogFacts;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catalog facts from a {@link CatalogCache} in front of small, read-only HikariCP pools, one per
 * database the gateway's clients connect to (created on first use). Every pooled connection runs
 * with {@code default_transaction_read_only = on} and a statement timeout, so the gate's lookups
 * can neither change anything nor run long.
 */
public final class PooledFactsSource implements FactsSource, AutoCloseable {

  /**
   * How to reach the upstream with the gateway's own credentials.
   *
   * @param host upstream host
   * @param port upstream port
   * @param user the gateway's upstream user
   * @param password its password, empty when the upstream trusts the gateway
   * @param poolSize connections per database (at least 1)
   * @param statementTimeout bounds every lookup on the server side
   */
  public record Upstream(
      String host,
      int port,
      String user,
      Optional<String> password,
      int poolSize,
      Duration statementTimeout) {
    public Upstream {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(statementTimeout, "statementTimeout");
      if (poolSize < 1) {
        throw new IllegalArgumentException("the facts pool needs at least one connection");
      }
    }
  }

  private final Upstream upstream;
  private final CatalogCache cache;
  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public PooledFactsSource(Upstream upstream, CatalogCache cache) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public Optional<CatalogFacts> cached(
      String database, ObjectReferences refs, Optional<String> searchPath) {
    return cache.cached(database, refs, searchPath).map(InspectedCatalog::toFacts);
  }

  @Override
  public CatalogFacts fetch(String database, ObjectReferences refs, Optional<String> searchPath)
      throws SQLException {
    HikariDataSource pool = pool(database);
    return cache.facts(database, refs, searchPath, pool::getConnection).toFacts();
  }

  @Override
  public void changed(String database, String table) {
    cache.invalidate(database, table);
  }

  /** The pool of one database, for tests that check how its connections are set up. */
  javax.sql.DataSource poolForTest(String database) {
    return pool(database);
  }

  private HikariDataSource pool(String database) {
    if (closed) {
      throw new IllegalStateException("the facts source is closed");
    }
    return pools.computeIfAbsent(database, this::open);
  }

  private HikariDataSource open(String database) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("drawbridge-facts-" + database);
    c.setJdbcUrl("jdbc:postgresql://" + upstream.host() + ":" + upstream.port() + "/" + database);
    c.setUsername(upstream.user());
    upstream.password().ifPresent(c::setPassword);
    c.setMaximumPoolSize(upstream.poolSize());
    c.setMinimumIdle(0);
    c.setConnectionTimeout(Math.max(250, upstream.statementTimeout().toMillis()));
    c.setInitializationFailTimeout(-1); // a database that is down must not stop the gateway
    c.setReadOnly(true);
    c.addDataSourceProperty("ApplicationName", "drawbridge catalog facts");
    c.addDataSourceProperty(
        "options",
        "-c default_transaction_read_only=on -c statement_timeout="
            + upstream.statementTimeout().toMillis());
    return new HikariDataSource(c);
  }

  @Override
  public void close() {
    closed = true;
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}
