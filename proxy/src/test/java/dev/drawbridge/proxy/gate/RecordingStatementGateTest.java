package dev.drawbridge.proxy.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordingStatementGateTest {

  private static final GateSession SESSION =
      new GateSession(1, "alice", Set.of("engineer"), "db", "psql", "127.0.0.1");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  private static GateStatement q(String sql) {
    return new GateStatement(GateStatement.Protocol.SIMPLE_QUERY, "", sql);
  }

  @Test
  void allowsEverythingByDefaultAndRecordsABoundedHistory() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RecordingStatementGate gate =
        new RecordingStatementGate((s, st) -> GateDecision.allow(), meters, CLOCK, 3);
    for (int i = 0; i < 5; i++) {
      assertThat(gate.check(SESSION, q("SELECT " + i))).isEqualTo(GateDecision.allow());
    }
    assertThat(gate.recent())
        .extracting(r -> r.statement().sql())
        .containsExactly("SELECT 2", "SELECT 3", "SELECT 4");
    assertThat(gate.recent().getFirst().at()).isEqualTo(CLOCK.instant());
    assertThat(meters.get(RecordingStatementGate.METRIC).tag("decision", "allow").counter().count())
        .isEqualTo(5);
    gate.clear();
    assertThat(gate.recent()).isEmpty();
  }

  @Test
  void countsByDecision() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RecordingStatementGate gate =
        new RecordingStatementGate(
            (s, st) ->
                switch (st.sql()) {
                  case "deny" -> GateDecision.deny("42501", "no", null, null);
                  case "rewrite" -> GateDecision.rewrite("SELECT 1");
                  default -> GateDecision.allow();
                },
            meters,
            CLOCK,
            10);
    gate.check(SESSION, q("deny"));
    gate.check(SESSION, q("rewrite"));
    gate.check(SESSION, q("x"));
    for (String d : new String[] {"allow", "deny", "rewrite"}) {
      assertThat(meters.get(RecordingStatementGate.METRIC).tag("decision", d).counter().count())
          .isEqualTo(1);
    }
    assertThat(new RecordingStatementGate(meters, CLOCK).check(SESSION, q("deny")))
        .isEqualTo(GateDecision.allow());
  }
}
