package dev.drawbridge.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every metric the proxy records, named in one place. Tags are low-cardinality only: never SQL
 * text, user names or addresses.
 */
public final class ProxyMetrics {

  public static final String CONNECTIONS_ACTIVE = "drawbridge.proxy.connections.active";
  public static final String CONNECTIONS = "drawbridge.proxy.connections";
  public static final String CONNECTIONS_REJECTED = "drawbridge.proxy.connections.rejected";
  public static final String BYTES = "drawbridge.proxy.bytes";
  public static final String STATEMENTS = "drawbridge.proxy.statements";
  public static final String UPSTREAM_CONNECT = "drawbridge.proxy.upstream.connect";

  /** Why a connection was refused. */
  public enum Rejection {
    TOO_MANY_CONNECTIONS,
    AUTHENTICATION,
    PROTOCOL,
    AUTH_TIMEOUT,
    UPSTREAM_UNAVAILABLE,
    SHUTTING_DOWN
  }

  // the registry holds gauges weakly: this field keeps the target alive
  private final AtomicInteger active = new AtomicInteger();
  private final Counter total;
  private final Counter[] rejected;
  private final Counter bytesIn;
  private final Counter bytesOut;
  private final Counter allowed;
  private final Counter denied;
  private final Counter rewritten;
  private final Timer upstreamConnect;

  public ProxyMetrics(MeterRegistry registry) {
    registry.gauge(CONNECTIONS_ACTIVE, active);
    total = Counter.builder(CONNECTIONS).description("client sessions started").register(registry);
    Rejection[] reasons = Rejection.values();
    rejected = new Counter[reasons.length];
    for (Rejection r : reasons) {
      rejected[r.ordinal()] =
          Counter.builder(CONNECTIONS_REJECTED)
              .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT))
              .description("client connections refused")
              .register(registry);
    }
    bytesIn =
        Counter.builder(BYTES)
            .tag("direction", "in")
            .baseUnit("bytes")
            .description("bytes received from clients")
            .register(registry);
    bytesOut =
        Counter.builder(BYTES)
            .tag("direction", "out")
            .baseUnit("bytes")
            .description("bytes sent to clients")
            .register(registry);
    allowed = statements(registry, "allow");
    denied = statements(registry, "deny");
    rewritten = statements(registry, "rewrite");
    upstreamConnect =
        Timer.builder(UPSTREAM_CONNECT)
            .description("time to open a TCP connection to the upstream")
            .publishPercentileHistogram()
            .register(registry);
  }

  private static Counter statements(MeterRegistry registry, String decision) {
    return Counter.builder(STATEMENTS)
        .tag("decision", decision)
        .description("statements checked by the gate")
        .register(registry);
  }

  /**
   * Counts a new session unless {@code max} are already open.
   *
   * @return false when the limit is reached
   */
  public boolean tryOpenSession(int max) {
    while (true) {
      int n = active.get();
      if (n >= max) {
        return false;
      }
      if (active.compareAndSet(n, n + 1)) {
        total.increment();
        return true;
      }
    }
  }

  public void sessionClosed() {
    active.decrementAndGet();
  }

  public int activeSessions() {
    return active.get();
  }

  public void rejected(Rejection reason) {
    rejected[reason.ordinal()].increment();
  }

  public void bytesIn(long n) {
    bytesIn.increment(n);
  }

  public void bytesOut(long n) {
    bytesOut.increment(n);
  }

  public void allowed() {
    allowed.increment();
  }

  public void denied() {
    denied.increment();
  }

  public void rewritten() {
    rewritten.increment();
  }

  public void upstreamConnected(Duration d) {
    upstreamConnect.record(d);
  }
}
