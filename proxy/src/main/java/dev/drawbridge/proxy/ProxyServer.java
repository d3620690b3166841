package dev.drawbridge.proxy;

import dev.drawbridge.proxy.gate.StatementGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * The PostgreSQL wire-protocol server: accepts clients, authenticates them, connects each to the
 * upstream and relays the session, asking the {@link StatementGate} about every statement.
 *
 * <p>Contract used by the gateway module: construct, {@link #start()}, and {@link #close()} for a
 * graceful shutdown that lets in-flight statements finish within the configured grace period.
 */
public final class ProxyServer implements AutoCloseable {

  private final ProxyConfig config;
  private final StatementGate gate;
  private final MeterRegistry meters;
  private final Clock clock;

  public ProxyServer(ProxyConfig config, StatementGate gate, MeterRegistry meters, Clock clock) {
    this.config = config;
    this.gate = gate;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Binds the listen address and starts serving.
   *
   * @return the bound address (useful when the configured port was 0)
   */
  public InetSocketAddress start() {
    throw new UnsupportedOperationException("the proxy is being built: see issue 2");
  }

  /** Client sessions currently open. */
  public int activeSessions() {
    return 0;
  }

  /** Stops accepting, lets in-flight statements finish within the grace period, then closes. */
  @Override
  public void close() {}

  ProxyConfig config() {
    return config;
  }

  StatementGate gate() {
    return gate;
  }

  MeterRegistry meters() {
    return meters;
  }

  Clock clock() {
    return clock;
  }
}
