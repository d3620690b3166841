package dev.drawbridge.gateway.audit;

import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionControl;
import dev.drawbridge.proxy.gate.SessionGate;
import dev.drawbridge.proxy.gate.StatementGate;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A statement gate that records every session it opens (see {@link AuditingSessionGate}) around the
 * gate that decides. Closing it closes the gate it wraps.
 */
public final class AuditingStatementGate implements StatementGate, AutoCloseable {

  private final StatementGate delegate;
  private final AuditLog log;
  private final String runId;
  private final String authMethod;
  private final Clock clock;
  private final LongSupplier nanos;
  private final StatementMeters meters;

  /**
   * @param runId names this run of the gateway: session numbers restart with each run, so the trail
   *     calls a session {@code runId-number}
   * @param authMethod how clients authenticate: gateway or passthrough
   */
  public AuditingStatementGate(
      StatementGate delegate,
      AuditLog log,
      String runId,
      String authMethod,
      Clock clock,
      LongSupplier nanos,
      StatementMeters meters) {
    this.meters = Objects.requireNonNull(meters, "meters");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.log = Objects.requireNonNull(log, "log");
    this.runId = Objects.requireNonNull(runId, "runId");
    this.authMethod = Objects.requireNonNull(authMethod, "authMethod");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nanos = Objects.requireNonNull(nanos, "nanos");
  }

  @Override
  public GateDecision check(GateSession session, GateStatement statement) {
    return delegate.check(session, statement);
  }

  @Override
  public SessionGate open(GateSession session) {
    return open(session, SessionControl.NONE);
  }

  @Override
  public SessionGate open(GateSession session, SessionControl control) {
    SessionFacts facts = new SessionFacts(runId + "-" + session.sessionId(), session, authMethod);
    return new AuditingSessionGate(
        delegate.open(session, control), log, facts, clock, nanos, meters);
  }

  @Override
  public void close() {
    if (delegate instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("closing the statement gate failed", e);
      }
    }
  }
}
