package dev.drawbridge.gateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Statement latency through the gateway: from the statement's arrival to its outcome (policy, audit
 * write-ahead and the database together), by result. Pre-registered, so recording on an event loop
 * allocates nothing.
 */
public final class StatementMeters {

  public static final String LATENCY = "drawbridge.statement.latency";

  private final Timer ok;
  private final Timer error;
  private final Timer other;

  public StatementMeters(MeterRegistry registry) {
    ok = timer(registry, "ok");
    error = timer(registry, "error");
    other = timer(registry, "other");
  }

  private static Timer timer(MeterRegistry registry, String result) {
    return Timer.builder(LATENCY)
        .description("Time from a statement's arrival at the gateway to its outcome")
        .tag("result", result)
        .publishPercentileHistogram()
        .register(registry);
  }

  void record(String result, long micros) {
    if (micros < 0) {
      return;
    }
    Timer t =
        switch (result) {
          case "ok" -> ok;
          case "error" -> error;
          default -> other;
        };
    t.record(micros, TimeUnit.MICROSECONDS);
  }
}
