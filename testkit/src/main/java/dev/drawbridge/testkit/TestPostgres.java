package dev.drawbridge.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * A running PostgreSQL server for tests. Tests receive it as a parameter from {@link
 * PostgresExtension}; they never start their own.
 */
public interface TestPostgres {

  /** Password of every role listed in {@link PasswordRole}. */
  String ROLE_PASSWORD = "drawbridge-secret";

  String host();

  int port();

  /** A database the tests may use freely. */
  String database();

  /** A role with superuser rights that logs in without a password from loopback. */
  String superuser();

  /** The superuser's password, empty when it logs in without one. */
  String superuserPassword();

  /** The server's major version, for example 17. */
  int majorVersion();

  /**
   * A role that must log in with the given password method, when this server can offer one (the
   * embedded server always can; an external server only if it was set up that way).
   */
  Optional<String> roleFor(PasswordRole method);

  default String jdbcUrl() {
    return jdbcUrl(database());
  }

  default String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  /** Opens a superuser connection to the test database. */
  default Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", superuser());
    if (!superuserPassword().isEmpty()) {
      props.setProperty("password", superuserPassword());
    }
    return DriverManager.getConnection(jdbcUrl(), props);
  }

  /** Runs SQL as the superuser in autocommit. */
  default void execute(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Password methods the server can demand from a client. */
  enum PasswordRole {
    CLEARTEXT("password", "drawbridge_cleartext"),
    MD5("md5", "drawbridge_md5"),
    SCRAM_SHA_256("scram-sha-256", "drawbridge_scram");

    private final String hbaMethod;
    private final String roleName;

    PasswordRole(String hbaMethod, String roleName) {
      this.hbaMethod = hbaMethod;
      this.roleName = roleName;
    }

    public String hbaMethod() {
      return hbaMethod;
    }

    public String roleName() {
      return roleName;
    }
  }
}
