package dev.drawbridge.gateway.store;

import dev.drawbridge.testkit.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** An empty database of its own on the shared test server, for one test. */
public final class FreshDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final TestPostgres pg;
  private final String name;

  private FreshDatabase(TestPostgres pg, String name) {
    this.pg = pg;
    this.name = name;
  }

  /** Creates a database no other test uses. */
  public static FreshDatabase create(TestPostgres pg, String prefix) throws SQLException {
    String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    pg.execute("CREATE DATABASE " + name);
    return new FreshDatabase(pg, name);
  }

  public String name() {
    return name;
  }

  /** Settings that reach this database as the test superuser. */
  public StoreSettings settings(int poolSize) {
    return new StoreSettings(
        pg.jdbcUrl(name), pg.superuser(), pg.superuserPassword(), poolSize, Duration.ofSeconds(10));
  }

  public StoreSettings settings() {
    return settings(4);
  }
}
