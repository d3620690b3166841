package dev.drawbridge.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The connection pool to the state store. {@link #open} migrates the schema before anything else
 * uses it; every unit of work runs in one transaction on one connection. Thread-safe.
 */
public final class StateStore implements AutoCloseable {

  /** The schema that holds the gateway's tables. */
  public static final String SCHEMA = "drawbridge";

  private final HikariDataSource pool;

  private StateStore(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Connects and applies pending migrations (a no-op when the schema is current, so every gateway
   * may do it at start-up; Flyway serialises concurrent runs with an advisory lock).
   *
   * @throws StoreUnavailableException when the store cannot be reached or migrated, with a message
   *     that names it
   */
  public static StateStore open(StoreSettings settings) {
    Objects.requireNonNull(settings, "settings");
    HikariConfig config = new HikariConfig();
    config.setPoolName("drawbridge-store");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    if (!settings.password().isEmpty()) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(Math.min(1, settings.poolSize()));
    config.setConnectionTimeout(settings.connectTimeout().toMillis());
    config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
    config.setAutoCommit(false);
    config.setSchema(SCHEMA);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.addDataSourceProperty("ApplicationName", "drawbridge-store");
    config.addDataSourceProperty(
        "connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new StoreUnavailableException(
          "Cannot connect to the state store at "
              + settings.displayUrl()
              + " as "
              + settings.user()
              + ": "
              + rootMessage(e)
              + ". Check state-store.url, user and password, and that PostgreSQL is running.",
          e);
    }
    try {
      migrate(pool);
    } catch (FlywayException e) {
      pool.close();
      throw new StoreUnavailableException(
          "Cannot migrate the state store at "
              + settings.displayUrl()
              + " (schema "
              + SCHEMA
              + "): "
              + rootMessage(e),
          e);
    }
    return new StateStore(pool);
  }

  private static void migrate(HikariDataSource pool) {
    Flyway.configure(StateStore.class.getClassLoader())
        .dataSource(pool)
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(StoreTransaction tx) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction and commits it; rolls back when it throws. Exceptions the
   * work throws on purpose (unchecked ones) pass through unchanged.
   *
   * @throws StoreUnavailableException when the store fails
   */
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      try {
        T result = work.run(new StoreTransaction(c));
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("state store: " + e.getMessage(), e);
    }
  }

  /**
   * Publishes the pool's meters (hikaricp.connections.*, tagged pool=drawbridge-store). Once per
   * store.
   */
  public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    pool.setMetricRegistry(registry);
  }

  @Override
  public void close() {
    pool.close();
  }
}
