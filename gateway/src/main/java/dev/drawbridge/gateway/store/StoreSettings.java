package dev.drawbridge.gateway.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the state store is and how to reach it.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://} URL
 * @param user the login role (owns or may create the {@code drawbridge} schema)
 * @param password its password, empty for none
 * @param poolSize the most connections this gateway keeps open to the store
 * @param connectTimeout how long to wait for a connection before the store counts as unreachable
 */
public record StoreSettings(
    String jdbcUrl, String user, String password, int poolSize, Duration connectTimeout) {

  public static final int DEFAULT_POOL_SIZE = 5;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public StoreSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "the state store URL must start with jdbc:postgresql:, got " + jdbcUrl);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("the pool size must be at least 1, got " + poolSize);
    }
    if (connectTimeout.toMillis() < 250) {
      throw new IllegalArgumentException("the connect timeout must be at least 250ms");
    }
  }

  /** The URL for messages: without credentials a URL parameter might carry. */
  public String displayUrl() {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
  }
}
