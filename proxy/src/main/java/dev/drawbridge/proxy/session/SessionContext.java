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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  /**
   * A snapshot of the sessions that are open, each read on its own event loop.
   *
   * @param timeout how long to wait for busy event loops; sessions that do not answer in time are
   *     left out
   */
  public List<LiveSession> sessions(Duration timeout) {
    List<Future<LiveSession>> answers = new ArrayList<>();
    for (ClientSession s : live) {
      s.describe().ifPresent(answers::add);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<LiveSession> sessions = new ArrayList<>();
    for (Future<LiveSession> answer : answers) {
      try {
        LiveSession session =
            answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (session != null) {
          sessions.add(session);
        }
      } catch (ExecutionException | TimeoutException e) {
        // closed meanwhile, or its event loop is too busy to answer now
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    sessions.sort(Comparator.comparingLong(LiveSession::sessionId));
    return sessions;
  }

  /**
   * Ends one session with a FATAL 57P01 error, as pg_terminate_backend does.
   *
   * @param sessionId the session's number
   * @param reason shown to the client as the error's detail
   * @return false when no such session is open
   */
  public boolean terminate(long sessionId, String reason) {
    for (ClientSession s : live) {
      if (s.sessionId() == sessionId) {
        s.terminate(reason);
        return true;
      }
    }
    return false;
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
