package dev.drawbridge.gateway.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.gateway.store.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private static RolloutStepRecord backfill(long done, OptionalLong total, StepStatus status) {
    return new RolloutStepRecord(
        "RO-1",
        3,
        "backfill",
        "fill",
        List.of(),
        List.of(),
        false,
        Optional.of("{}"),
        List.of(),
        status,
        1,
        Optional.of("42"),
        Optional.of(1000),
        done,
        total,
        7,
        Optional.empty(),
        Optional.of(T0),
        Optional.empty(),
        "");
  }

  @Test
  void rateAndTimeLeftFromRowsDoneSinceTheStart() {
    Progress p =
        Progress.of(
            backfill(25_000, OptionalLong.of(100_000), StepStatus.RUNNING), T0.plusSeconds(10));
    assertThat(p.rowsDone()).isEqualTo(25_000);
    assertThat(p.rowsPerSecond().getAsDouble()).isEqualTo(2_500.0);
    assertThat(p.eta()).contains(Duration.ofSeconds(30));
  }

  @Test
  void nothingToEstimateBeforeTheFirstBatchOrWithoutATotal() {
    assertThat(Progress.of(backfill(0, OptionalLong.of(10), StepStatus.RUNNING), T0).eta())
        .isEmpty();
    Progress noTotal =
        Progress.of(backfill(500, OptionalLong.empty(), StepStatus.RUNNING), T0.plusSeconds(1));
    assertThat(noTotal.rowsPerSecond()).isPresent();
    assertThat(noTotal.eta()).isEmpty();
  }
}
