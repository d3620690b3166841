package dev.drawbridge.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionControl;
import dev.drawbridge.proxy.gate.SessionGate;
import dev.drawbridge.proxy.gate.StatementGate;
import dev.drawbridge.proxy.gate.UpstreamCredential;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AuditingSessionGateTest {

  /** Records what it is given; write-ahead futures complete when the test says so. */
  private static final class FakeLog implements AuditLog {
    final List<AuditEvent> events = new ArrayList<>();
    final List<CompletableFuture<Void>> ahead = new ArrayList<>();
    final List<Boolean> mustReach = new ArrayList<>();

    @Override
    public boolean record(AuditRecordable event) {
      events.add(event.toEvent(new EventFormatting(true)));
      return true;
    }

    @Override
    public CompletableFuture<Void> recordAhead(AuditRecordable event, boolean mustReachStore) {
      record(event);
      CompletableFuture<Void> f = new CompletableFuture<>();
      ahead.add(f);
      mustReach.add(mustReachStore);
      return f;
    }

    @Override
    public boolean writeAhead() {
      return true;
    }

    List<String> types() {
      return events.stream().map(AuditEvent::type).toList();
    }
  }

  /** A policy gate stand-in: decides by the first word, reports a verdict. */
  private static final class FakeGate implements SessionGate, StatementVerdict.Source {
    StatementVerdict verdict;

    @Override
    public GateDecision check(GateStatement statement) {
      String sql = statement.sql();
      if (sql.startsWith("BOOM")) {
        throw new IllegalStateException("broken");
      }
      if (sql.startsWith("DROP")) {
        verdict = new StatementVerdict("needs-approval", "ddl");
        return GateDecision.deny("42501", "needs approval", null, null);
      }
      if (sql.startsWith("CREATE")) {
        verdict = new StatementVerdict("allow", "ddl");
        return GateDecision.allow();
      }
      if (sql.startsWith("BEGIN")) {
        verdict = new StatementVerdict("allow", "transaction");
        return GateDecision.allow();
      }
      verdict = new StatementVerdict("allow", "write");
      return GateDecision.allow();
    }

    @Override
    public StatementVerdict lastVerdict() {
      return verdict;
    }
  }

  private final FakeLog log = new FakeLog();
  private final AtomicLong nanos = new AtomicLong(1_000_000);
  private final AuditingSessionGate gate =
      new AuditingSessionGate(
          new FakeGate(),
          log,
          new SessionFacts(
              "run-7",
              new GateSession(7, "alice", Set.of("engineer"), "shop", "psql", "10.0.0.5:5555"),
              "gateway"),
          Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC),
          nanos::get,
          new StatementMeters(new SimpleMeterRegistry()));

  private static GateStatement query(String sql) {
    return new GateStatement(GateStatement.Protocol.SIMPLE_QUERY, "", sql);
  }

  @Test
  void anAllowedStatementWaitsForItsEventAndIsRefusedWhenItCannotBeRecorded() {
    GateDecision d = gate.check(query("UPDATE t SET a = 1"));
    assertThat(d).isInstanceOf(GateDecision.Deferred.class);
    CompletableFuture<GateDecision> decided =
        ((GateDecision.Deferred) d).decision().toCompletableFuture();
    assertThat(decided).isNotDone();
    log.ahead.getFirst().complete(null);
    assertThat(decided.join()).isInstanceOf(GateDecision.Allow.class);

    GateDecision second = gate.check(query("UPDATE t SET a = 2"));
    log.ahead.get(1).completeExceptionally(new AuditUnavailableException("away"));
    GateDecision refused = ((GateDecision.Deferred) second).decision().toCompletableFuture().join();
    assertThat(refused)
        .isInstanceOfSatisfying(
            GateDecision.Deny.class,
            deny -> assertThat(deny.sqlState()).isEqualTo(AuditingSessionGate.AUDIT_UNAVAILABLE));
  }

  @Test
  void ddlMustReachTheStoreADenialAndTransactionControlDoNotWait() {
    gate.check(query("CREATE TABLE x (a int)"));
    assertThat(log.mustReach).containsExactly(true);
    assertThat(gate.check(query("DROP TABLE x"))).isInstanceOf(GateDecision.Deny.class);
    assertThat(gate.check(query("BEGIN"))).isInstanceOf(GateDecision.Allow.class);
    assertThat(log.ahead).hasSize(1);
    AuditEvent drop = log.events.get(2);
    assertThat(drop.decision()).isEqualTo("needs-approval");
    assertThat(drop.rule()).isEqualTo("42501");
    assertThat(drop.details())
        .containsEntry("class", "ddl")
        .containsEntry("reason", "needs approval");
  }

  @Test
  void aFailingGateIsDeniedHereAndKeepsThePairingInStep() {
    assertThat(gate.check(query("BOOM"))).isInstanceOf(GateDecision.Deny.class);
    gate.check(query("BEGIN"));
    gate.statementFailed("XX000");
    gate.readyForQuery('I', false);
    gate.commandComplete("BEGIN");
    nanos.addAndGet(2_000_000);
    gate.readyForQuery('T', true);
    List<AuditEvent> outcomes =
        log.events.stream().filter(e -> e.type().equals("statement.outcome")).toList();
    assertThat(outcomes).extracting(e -> e.details().get("result")).containsExactly("error", "ok");
    assertThat(outcomes.get(1).details())
        .containsEntry("statement", "2")
        .containsEntry("tag", "BEGIN");
    assertThat(log.types()).contains("gate.failed");
  }

  @Test
  void theSessionStartAndEndAreRecordedWithWhoAndWhereFrom() {
    gate.close();
    assertThat(log.types()).containsExactly("session.start", "session.end");
    AuditEvent start = log.events.getFirst();
    assertThat(start.actor()).isEqualTo("alice");
    assertThat(start.sessionId()).isEqualTo("run-7");
    assertThat(start.details())
        .containsEntry("client_address", "10.0.0.5:5555")
        .containsEntry("application", "psql")
        .containsEntry("auth_method", "gateway");
  }

  @Test
  void theSessionControlAndTheUpstreamLoginPassThroughTheAuditingGate() {
    AtomicReference<SessionControl> seen = new AtomicReference<>();
    UpstreamCredential login =
        new UpstreamCredential("drawbridge_read", Optional.empty(), Map.of());
    StatementGate inner =
        new StatementGate() {
          @Override
          public GateDecision check(GateSession session, GateStatement statement) {
            return GateDecision.allow();
          }

          @Override
          public SessionGate open(GateSession session, SessionControl control) {
            seen.set(control);
            return new SessionGate() {
              @Override
              public GateDecision check(GateStatement statement) {
                return GateDecision.allow();
              }

              @Override
              public Optional<UpstreamCredential> upstreamLogin() {
                return Optional.of(login);
              }
            };
          }
        };
    SessionControl control = SessionControl.NONE;
    SessionGate opened =
        new AuditingStatementGate(
                inner,
                log,
                "run-8",
                "gateway",
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC),
                nanos::get,
                new StatementMeters(new SimpleMeterRegistry()))
            .open(new GateSession(8, "bot", Set.of("agent"), "shop", "", "10.0.0.6:5555"), control);
    assertThat(seen.get()).isSameAs(control);
    assertThat(opened.upstreamLogin()).contains(login);
  }
}
