package dev.drawbridge.gateway.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that the upstream accepts TCP connections. It connects and closes without sending a byte,
 * which PostgreSQL does not log, so a readiness probe every few seconds leaves no noise.
 */
public final class UpstreamProbe {

  private final String host;
  private final int port;
  private final Duration timeout;

  public UpstreamProbe(String host, int port, Duration timeout) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Empty when the upstream accepted a connection, else why not. */
  public Optional<String> problem() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          "upstream " + host + ":" + port + " is not reachable (" + e.getMessage() + ")");
    }
  }
}
