package dev.drawbridge.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The upstream PostgreSQL as a URL: {@code postgresql://USER:PASS@HOST:PORT/DB}. User and password
 * are optional (the gateway needs them only in gateway auth mode) and percent-decoded; the port
 * defaults to 5432.
 */
public record UpstreamUrl(
    String host, int port, String database, Optional<String> user, Optional<String> password) {

  private static final String FORM = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE";

  public UpstreamUrl {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /**
   * Parses the URL.
   *
   * @throws IllegalArgumentException saying what is missing and showing the expected form
   */
  public static UpstreamUrl parse(String text) {
    String s = text == null ? "" : text.trim();
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "the upstream URL is not valid ("
              + e.getReason()
              + "); write it as "
              + FORM
              + " and percent-encode special characters in the password, or set the password"
              + " separately");
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "the upstream URL must start with postgresql://, for example " + FORM);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("the upstream URL names no host; write it as " + FORM);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the upstream URL has '?' parameters, which the gateway does not support yet; remove"
              + " them");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String database = decode(path.startsWith("/") ? path.substring(1) : path);
    if (database.isEmpty() || database.contains("/")) {
      throw new IllegalArgumentException(
          "the upstream URL must name one database after the port, as in " + FORM);
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        password = Optional.of(decode(userInfo.substring(colon + 1)));
      }
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new UpstreamUrl(host, port, database, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The same URL with a different password. */
  public UpstreamUrl withPassword(String newPassword) {
    return new UpstreamUrl(host, port, database, user, Optional.of(newPassword));
  }

  /** The URL without its password, safe for logs. */
  @Override
  public String toString() {
    return "postgresql://"
        + user.map(u -> u + (password.isPresent() ? ":***" : "") + "@").orElse("")
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "/"
        + database;
  }
}
