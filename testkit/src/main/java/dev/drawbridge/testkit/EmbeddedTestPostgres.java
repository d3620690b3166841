package dev.drawbridge.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * An embedded PostgreSQL whose pg_hba.conf trusts the superuser and demands each password method
 * from its own role, so that relays of cleartext, MD5 and SCRAM logins meet a real server.
 */
final class EmbeddedTestPostgres implements PostgresExtension.ServerHandle {

  private static final String DATABASE = "drawbridge_test";

  private final EmbeddedPostgres server;
  private final int majorVersion;

  private EmbeddedTestPostgres(EmbeddedPostgres server, int majorVersion) {
    this.server = server;
    this.majorVersion = majorVersion;
  }

  /** Starts a server from the PostgreSQL binaries on the classpath. */
  static EmbeddedTestPostgres start() {
    return start(null);
  }

  /**
   * Starts a server from the given binaries.
   *
   * @param binaries where the binaries come from; null for the ones on the classpath
   */
  static EmbeddedTestPostgres start(PgBinaryResolver binaries) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (binaries != null) {
        builder.setPgBinaryResolver(binaries);
      }
      EmbeddedPostgres server =
          builder
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("max_connections", binaries == null ? "700" : "50")
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()))
              .start();
      EmbeddedTestPostgres pg = new EmbeddedTestPostgres(server, 0);
      int major;
      try (Connection c = pg.connectTo("postgres");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + DATABASE);
        var rs = s.executeQuery("SHOW server_version_num");
        rs.next();
        major = Integer.parseInt(rs.getString(1)) / 10000;
        for (TestPostgres.PasswordRole role : TestPostgres.PasswordRole.values()) {
          String encryption = role == TestPostgres.PasswordRole.MD5 ? "md5" : "scram-sha-256";
          s.execute("SET password_encryption = '" + encryption + "'");
          s.execute(
              "CREATE ROLE "
                  + role.roleName()
                  + " LOGIN PASSWORD '"
                  + TestPostgres.ROLE_PASSWORD
                  + "'");
          s.execute("GRANT ALL ON DATABASE " + DATABASE + " TO " + role.roleName());
        }
      }
      try (Connection c = pg.connectTo(DATABASE);
          Statement s = c.createStatement()) {
        s.execute("GRANT ALL ON SCHEMA public TO PUBLIC");
      }
      return new EmbeddedTestPostgres(server, major);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    } catch (SQLException e) {
      throw new IllegalStateException("embedded PostgreSQL could not be prepared", e);
    }
  }

  private static void writeHba(Path dataDirectory) {
    StringBuilder hba = new StringBuilder("# written by the Drawbridge test fixture\n");
    for (TestPostgres.PasswordRole role : TestPostgres.PasswordRole.values()) {
      hba.append("host all ")
          .append(role.roleName())
          .append(" 127.0.0.1/32 ")
          .append(role.hbaMethod())
          .append('\n');
    }
    hba.append("local all all trust\n");
    hba.append("host all all 127.0.0.1/32 trust\n");
    hba.append("host all all ::1/128 trust\n");
    try {
      Files.writeString(dataDirectory.resolve("pg_hba.conf"), hba);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Connection connectTo(String database) throws SQLException {
    return server.getDatabase("postgres", database).getConnection();
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return server.getPort();
  }

  @Override
  public String database() {
    return DATABASE;
  }

  @Override
  public String superuser() {
    return "postgres";
  }

  @Override
  public String superuserPassword() {
    return "";
  }

  @Override
  public int majorVersion() {
    return majorVersion;
  }

  @Override
  public Optional<String> roleFor(PasswordRole method) {
    return Optional.of(method.roleName());
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
