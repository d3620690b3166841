package dev.drawbridge.proxy.gate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * A gate that asks a delegate (by default: allow everything), counts statements by decision in
 * Micrometer ({@value #METRIC}, tag {@code decision}) and keeps the most recent statements for
 * inspection. The gateway uses it until the policy is plugged in, and tests use it to see what
 * reached the gate.
 */
public final class RecordingStatementGate implements StatementGate {

  public static final String METRIC = "drawbridge.gate.statements";

  /**
   * One statement the gate saw.
   *
   * @param at when it was checked
   * @param session the session
   * @param statement the statement
   * @param decision what was decided
   */
  public record Recorded(
      Instant at, GateSession session, GateStatement statement, GateDecision decision) {}

  private final StatementGate delegate;
  private final Clock clock;
  private final int capacity;
  private final ArrayDeque<Recorded> recent;
  private final Counter allowed;
  private final Counter denied;
  private final Counter rewritten;
  private final Counter deferred;

  /** Allows everything, keeps the last 1000 statements. */
  public RecordingStatementGate(MeterRegistry registry, Clock clock) {
    this((session, statement) -> GateDecision.allow(), registry, clock, 1000);
  }

  /**
   * @param delegate decides
   * @param registry where the counters go
   * @param clock time source for {@link Recorded#at()}
   * @param capacity how many recent statements to keep (at least 1)
   */
  public RecordingStatementGate(
      StatementGate delegate, MeterRegistry registry, Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.capacity = capacity;
    this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
    this.allowed = counter(registry, "allow");
    this.denied = counter(registry, "deny");
    this.rewritten = counter(registry, "rewrite");
    this.deferred = counter(registry, "deferred");
  }

  private static Counter counter(MeterRegistry registry, String decision) {
    return Counter.builder(METRIC)
        .tag("decision", decision)
        .description("statements seen by the recording gate")
        .register(registry);
  }

  @Override
  public GateDecision check(GateSession session, GateStatement statement) {
    GateDecision decision = delegate.check(session, statement);
    switch (decision) {
      case GateDecision.Allow a -> allowed.increment();
      case GateDecision.Deny d -> denied.increment();
      case GateDecision.Rewrite r -> rewritten.increment();
      case GateDecision.Deferred d -> deferred.increment();
    }
    Recorded r = new Recorded(clock.instant(), session, statement, decision);
    synchronized (recent) {
      if (recent.size() == capacity) {
        recent.removeFirst();
      }
      recent.addLast(r);
    }
    return decision;
  }

  /** The most recent statements, oldest first. */
  public List<Recorded> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /** Forgets the recorded statements (the counters keep counting). */
  public void clear() {
    synchronized (recent) {
      recent.clear();
    }
  }
}
