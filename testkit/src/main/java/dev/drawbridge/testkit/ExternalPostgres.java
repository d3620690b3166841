package dev.drawbridge.testkit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A server the tests did not start, named by {@code DRAWBRIDGE_TEST_PG_URL}. Roles for password
 * methods are used only if they already exist (with {@link TestPostgres#ROLE_PASSWORD}).
 */
final class ExternalPostgres implements PostgresExtension.ServerHandle {

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final int majorVersion;

  ExternalPostgres(String url) {
    URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          PostgresExtension.URL_VARIABLE + " must look like postgresql://USER:PASS@HOST:PORT/DB");
    }
    this.host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
    this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    this.database = path.isEmpty() ? "postgres" : path;
    String userInfo = uri.getRawUserInfo() == null ? "postgres" : uri.getRawUserInfo();
    int colon = userInfo.indexOf(':');
    this.user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    this.password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version_num")) {
      rs.next();
      this.majorVersion = Integer.parseInt(rs.getString(1)) / 10000;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach " + PostgresExtension.URL_VARIABLE, e);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String database() {
    return database;
  }

  @Override
  public String superuser() {
    return user;
  }

  @Override
  public String superuserPassword() {
    return password;
  }

  @Override
  public int majorVersion() {
    return majorVersion;
  }

  @Override
  public Optional<String> roleFor(PasswordRole method) {
    try (Connection c = connect();
        var ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      ps.setString(1, method.roleName());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(method.roleName()) : Optional.empty();
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {}
}
