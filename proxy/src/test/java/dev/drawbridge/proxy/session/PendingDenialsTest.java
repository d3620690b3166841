package dev.drawbridge.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.proxy.gate.GateDecision;
import org.junit.jupiter.api.Test;

class PendingDenialsTest {

  private static final GateDecision.Deny A = GateDecision.deny("42501", "a", null, null);
  private static final GateDecision.Deny B = GateDecision.deny("42501", "b", null, null);

  private static String syntaxError(String marker) {
    return "syntax error at or near \"" + marker + "\"";
  }

  @Test
  void markersAreUniqueAndMatchInOrder() {
    PendingDenials p = new PendingDenials("m_abc", 10);
    String first = p.add(A, 0);
    String second = p.add(B, 1);
    assertThat(first).isNotEqualTo(second).startsWith("m_abc_");
    assertThat(p.take("some other error")).isNull();
    assertThat(p.take(syntaxError(first))).isSameAs(A);
    assertThat(p.take(syntaxError(second))).isSameAs(B);
    assertThat(p.isEmpty()).isTrue();
  }

  @Test
  void aSkippedPoisonExpiresAtTheReadyForQueryOfItsBatch() {
    PendingDenials p = new PendingDenials("m", 10);
    // batch 1 (before the first Sync): the poison was skipped after an earlier error
    String skipped = p.add(A, 0);
    // batch 2
    String later = p.add(B, 1);
    p.readyReceived(1);
    assertThat(p.size()).isEqualTo(1);
    assertThat(p.take(syntaxError(skipped))).isNull();
    assertThat(p.take(syntaxError(later))).isSameAs(B);
  }

  @Test
  void aMatchDropsOlderSkippedEntries() {
    PendingDenials p = new PendingDenials("m", 10);
    p.add(A, 0);
    String second = p.add(B, 0);
    assertThat(p.take(syntaxError(second))).isSameAs(B);
    assertThat(p.isEmpty()).isTrue();
  }

  @Test
  void boundedCapacity() {
    PendingDenials p = new PendingDenials("m", 2);
    String first = p.add(A, 0);
    p.add(A, 0);
    p.add(B, 0);
    assertThat(p.size()).isEqualTo(2);
    assertThat(p.take(syntaxError(first) + " ")).isNull();
  }
}
