package dev.drawbridge.gateway.config;

import java.time.Duration;

/**
 * The {@code state-store} settings as written, before validation; null means not set. Either {@code
 * url} or {@code host}/{@code port}/{@code database} name the server.
 *
 * @param url {@code postgresql://HOST:PORT/DB} or {@code jdbc:postgresql://HOST:PORT/DB}
 */
public record StateStoreSection(
    String url,
    String host,
    Integer port,
    String database,
    String user,
    String password,
    Integer poolSize,
    Duration connectTimeout) {

  /** {@code base} with every value {@code over} sets replacing it. */
  static StateStoreSection merge(StateStoreSection base, StateStoreSection over) {
    if (base == null || over == null) {
      return over != null ? over : base;
    }
    return new StateStoreSection(
        pick(over.url, base.url),
        pick(over.host, base.host),
        pick(over.port, base.port),
        pick(over.database, base.database),
        pick(over.user, base.user),
        pick(over.password, base.password),
        pick(over.poolSize, base.poolSize),
        pick(over.connectTimeout, base.connectTimeout));
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }
}
