package dev.drawbridge.gateway.config;

import java.time.Duration;

/** Values used when neither a flag nor the file sets them; shown in help texts and the README. */
public final class Defaults {

  public static final HostPort LISTEN = new HostPort("127.0.0.1", 6432);
  public static final long MAX_MESSAGE_SIZE = 256L * 1024 * 1024;
  public static final int MAX_CLIENT_CONNECTIONS = 1000;
  public static final Duration AUTH_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration IDLE_TIMEOUT = Duration.ZERO;
  public static final Duration UPSTREAM_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final int EVENT_LOOP_THREADS = 0;
  public static final String OIDC_AUDIENCE = "drawbridge";
  public static final Duration OIDC_CLOCK_SKEW = Duration.ofSeconds(30);
  public static final Duration OIDC_JWKS_REFRESH = Duration.ofMinutes(5);

  private Defaults() {}
}
