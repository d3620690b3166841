package dev.drawbridge.proxy.session;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.ProxyMetrics;
import dev.drawbridge.proxy.auth.ClientAuthenticatorFactory;
import dev.drawbridge.proxy.gate.StatementGate;
import dev.drawbridge.proxy.upstream.UpstreamConnector;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every session of one server shares: configuration, the gate, metrics, the cancel registry,
 * the TLS context and the set of live sessions (for graceful shutdown).
 */
public final class SessionContext {

  private final ProxyConfig config;
  private final StatementGate gate;
  private final ProxyMetrics metrics;
  private final Clock clock;
  private final CancelRegistry cancelRegistry;
  private final Optional<SslContext> sslContext;
  private final ClientAuthenticatorFactory authenticators;
  private final UpstreamConnector connector;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong sessionIds = new AtomicLong();
  private final Set<ClientSession> live = ConcurrentHashMap.newKeySet();
  private volatile boolean draining;

  public SessionContext(
      ProxyConfig config,
      StatementGate gate,
      ProxyMetrics metrics,
      Clock clock,
      Optional<SslContext> sslContext,
      ClientAuthenticatorFactory authenticators,
      Class<? extends SocketChannel> socketChannelClass) {
    this.config = config;
    this.gate = gate;
    this.metrics = metrics;
    this.clock = clock;
    this.cancelRegistry = new CancelRegistry(random);
    this.sslContext = sslContext;
    this.authenticators = authenticators;
    this.connector = new UpstreamConnector(config, socketChannelClass);
  }

  /** A new session handler for an accepted client channel. */
  public ClientSession newSession() {
    return new ClientSession(this);
  }

  /** Starts a graceful shutdown: idle sessions close now, busy ones at their next ReadyForQuery. */
  public void drain() {
    draining = true;
    for (ClientSession s : live) {
      s.requestDrain();
    }
  }

  public int liveSessions() {
    return live.size();
  }

  ProxyConfig config() {
    return config;
  }

  StatementGate gate() {
    return gate;
  }

  ProxyMetrics metrics() {
    return metrics;
  }

  Clock clock() {
    return clock;
  }

  CancelRegistry cancelRegistry() {
    return cancelRegistry;
  }

  Optional<SslContext> sslContext() {
    return sslContext;
  }

  ClientAuthenticatorFactory authenticators() {
    return authenticators;
  }

  UpstreamConnector connector() {
    return connector;
  }

  SecureRandom random() {
    return random;
  }

  long nextSessionId() {
    return sessionIds.incrementAndGet();
  }

  boolean draining() {
    return draining;
  }

  void add(ClientSession s) {
    live.add(s);
  }

  void remove(ClientSession s) {
    live.remove(s);
  }
}
