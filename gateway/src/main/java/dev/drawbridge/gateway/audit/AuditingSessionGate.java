package dev.drawbridge.gateway.audit;

import dev.drawbridge.proxy.gate.ForwardingSessionGate;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionGate;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Records one session: its start and end, each statement with the gate's decision, and each
 * statement's outcome. On the event loop it only builds small records and queues them; the writer
 * thread does the rest. With write-ahead (and always for schema changes and privileged statements)
 * an allowed statement is held until its event is durable; if it cannot be, the statement is
 * refused.
 */
final class AuditingSessionGate extends ForwardingSessionGate {

  /** The SQLSTATE of a statement refused because its audit event could not be recorded. */
  static final String AUDIT_UNAVAILABLE = "58000";

  private final AuditLog log;
  private final SessionFacts facts;
  private final Clock clock;
  private final LongSupplier nanos;
  private final StatementPairing pairing;
  private final StatementMeters meters;
  private long statements;

  AuditingSessionGate(
      SessionGate delegate,
      AuditLog log,
      SessionFacts facts,
      Clock clock,
      LongSupplier nanos,
      StatementMeters meters) {
    super(delegate);
    this.meters = meters;
    this.log = log;
    this.facts = facts;
    this.clock = clock;
    this.nanos = nanos;
    this.pairing = new StatementPairing(this::finished);
    GateSessionEvents.start(log, facts, clock.instant());
  }

  @Override
  public GateDecision check(GateStatement statement) {
    long start = nanos.getAsLong();
    GateDecision d;
    try {
      d = delegate.check(statement);
    } catch (RuntimeException e) {
      // decided here rather than by the relay, so that the statement keeps its place in the
      // pairing of statements with outcomes; fail closed as the relay would
      log.record(failure(statement, e));
      d = GateDecision.deny("XX000", "the gateway could not check this statement", null, null);
    }
    long number = ++statements;
    if (statement.protocol() == GateStatement.Protocol.STARTUP) {
      // a startup parameter: no outcome of its own
      record(number, statement, d);
      return d;
    }
    StatementPairing.Pending p = new StatementPairing.Pending(number, start);
    if (statement.protocol() == GateStatement.Protocol.SIMPLE_QUERY) {
      pairing.query(p);
    } else {
      pairing.parse(p);
    }
    if (d instanceof GateDecision.Deferred deferred) {
      return GateDecision.deferred(
          deferred.decision().thenCompose(decided -> record(number, statement, decided)));
    }
    CompletableFuture<GateDecision> recorded = record(number, statement, d);
    return recorded.isDone() ? recorded.join() : GateDecision.deferred(recorded);
  }

  /** Records the statement; completes with the decision to act on. Never blocks. */
  private CompletableFuture<GateDecision> record(
      long number, GateStatement statement, GateDecision d) {
    StatementVerdict verdict =
        delegate instanceof StatementVerdict.Source s ? s.lastVerdict() : null;
    StatementEvent event = event(number, statement, d, verdict);
    if (d instanceof GateDecision.Deny) {
      log.record(event); // nothing runs: no need to wait
      return CompletableFuture.completedFuture(d);
    }
    boolean privileged = verdict != null && verdict.privileged();
    boolean waits = log.writeAhead() && (verdict == null || !verdict.changesNoData());
    if (!privileged && !waits) {
      return CompletableFuture.completedFuture(log.record(event) ? d : refusal());
    }
    return log.recordAhead(event, privileged)
        .handle((ok, failure) -> failure == null ? d : refusal());
  }

  private StatementEvent event(
      long number, GateStatement statement, GateDecision d, StatementVerdict verdict) {
    String decision;
    String rule = null;
    String reason = null;
    switch (d) {
      case GateDecision.Deny deny -> {
        decision = "deny";
        rule = deny.sqlState();
        reason = deny.message();
      }
      case GateDecision.Rewrite r -> decision = "rewrite";
      default -> decision = "allow";
    }
    if (verdict != null && !(d instanceof GateDecision.Rewrite)) {
      decision = verdict.decision();
    }
    return new StatementEvent(
        facts,
        number,
        clock.instant(),
        statement,
        decision,
        rule,
        verdict == null ? null : verdict.statementClass(),
        reason);
  }

  private AuditEvent failure(GateStatement statement, RuntimeException e) {
    return facts.event(
        clock.instant(),
        "gate.failed",
        Map.of("error", String.valueOf(e), "protocol", statement.protocol().name()),
        "deny",
        "XX000");
  }

  private static GateDecision refusal() {
    return GateDecision.deny(
        AUDIT_UNAVAILABLE,
        "the gateway cannot record this statement in its audit log, so it was not run",
        null,
        "The audit store is unavailable; try again later or ask the gateway's operators.");
  }

  private void finished(StatementPairing.Pending p) {
    meters.record(p.result, p.micros());
    log.record(
        new OutcomeEvent(
            facts, p.number, clock.instant(), p.result, p.tag, p.rows, p.sqlState, p.micros()));
  }

  @Override
  public boolean observesOutcomes() {
    return true;
  }

  @Override
  public void commandComplete(String tag) {
    long now = nanos.getAsLong();
    if (pairing.commandComplete(tag, now) == null) {
      orphan("ok", tag, null);
    }
    delegate.commandComplete(tag);
  }

  @Override
  public void statementFailed(String sqlState) {
    if (pairing.failed(sqlState, nanos.getAsLong()) == null) {
      orphan("error", null, sqlState);
    }
    delegate.statementFailed(sqlState);
  }

  /** An outcome of a statement prepared in an earlier cycle (Bind/Execute without Parse). */
  private void orphan(String result, String tag, String sqlState) {
    log.record(
        new OutcomeEvent(
            facts,
            0,
            clock.instant(),
            result,
            tag,
            tag == null ? -1 : StatementPairing.rowsOf(tag),
            sqlState,
            -1));
  }

  @Override
  public void emptyQuery() {
    pairing.empty(nanos.getAsLong());
    delegate.emptyQuery();
  }

  @Override
  public void sync() {
    pairing.sync();
    delegate.sync();
  }

  @Override
  public void readyForQuery(char transactionStatus, boolean caughtUp) {
    delegate.readyForQuery(transactionStatus, caughtUp);
    pairing.readyForQuery(caughtUp);
  }

  @Override
  public void close() {
    try {
      pairing.close();
      GateSessionEvents.end(log, facts, clock.instant(), statements);
    } finally {
      delegate.close();
    }
  }
}
