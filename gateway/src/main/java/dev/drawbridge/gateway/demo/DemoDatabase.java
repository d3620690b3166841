package dev.drawbridge.gateway.demo;

import dev.drawbridge.gateway.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * An embedded PostgreSQL (zonky binaries) whose data directory lives in the demo's temporary
 * directory. Tuned for a fast load, not durability: fsync off and {@code wal_level=minimal}.
 */
final class DemoDatabase implements AutoCloseable {

  static final String DATABASE = "shop";
  static final String SUPERUSER = "postgres";

  /** The database that holds the demo gateway's state store. */
  static final String STORE_DATABASE = "drawbridge";

  private final EmbeddedPostgres server;

  private DemoDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  /** Starts the server and creates the {@value #DATABASE} database. */
  static DemoDatabase start(Path dataDirectory) {
    EmbeddedPostgres server;
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(true)
              // the demo stops the server itself, in order, from its own shutdown hook
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("wal_level", "minimal")
              .setServerConfig("max_wal_senders", "0")
              .setServerConfig("max_wal_size", "2GB")
              .setServerConfig("maintenance_work_mem", "256MB")
              .setServerConfig("max_connections", "200")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
    DemoDatabase db = new DemoDatabase(server);
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
      s.execute("CREATE DATABASE " + STORE_DATABASE);
    } catch (SQLException e) {
      db.close();
      throw new IllegalStateException("cannot create the demo database: " + e.getMessage(), e);
    }
    return db;
  }

  /** The state store in this server: its own database, reached as the superuser. */
  StoreSettings storeSettings() {
    return new StoreSettings(
        "jdbc:postgresql://127.0.0.1:" + port() + "/" + STORE_DATABASE,
        SUPERUSER,
        "",
        4,
        Duration.ofSeconds(10));
  }

  int port() {
    return server.getPort();
  }

  Connection connect() throws SQLException {
    return server.getDatabase(SUPERUSER, DATABASE).getConnection();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
