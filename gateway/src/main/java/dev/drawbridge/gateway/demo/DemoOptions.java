package dev.drawbridge.gateway.demo;

import java.util.Objects;

/**
 * How to run the demo.
 *
 * @param host the loopback address everything binds to
 * @param proxyPort where psql connects; 0 picks a free port
 * @param adminPort the admin HTTP listener; 0 picks a free port
 * @param scale how much sample data to load
 */
public record DemoOptions(String host, int proxyPort, int adminPort, SampleData.Scale scale) {

  public static final int DEFAULT_PROXY_PORT = 6432;
  public static final int DEFAULT_ADMIN_PORT = 8432;

  public DemoOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(scale, "scale");
    if (proxyPort < 0 || proxyPort > 65535 || adminPort < 0 || adminPort > 65535) {
      throw new IllegalArgumentException("ports must be between 0 and 65535");
    }
  }
}
