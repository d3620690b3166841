package dev.drawbridge.gateway.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchSizerTest {

  private final BatchSizer sizer = new BatchSizer(Duration.ofMillis(200), 100, 50_000);

  @Test
  void growsWhenBatchesAreFastAtMostDoubling() {
    assertThat(sizer.next(1000, Duration.ofMillis(100))).isEqualTo(2000);
    assertThat(sizer.next(1000, Duration.ofMillis(1))).isEqualTo(2000);
  }

  @Test
  void shrinksWhenBatchesAreSlowAtMostHalving() {
    assertThat(sizer.next(1000, Duration.ofMillis(400))).isEqualTo(500);
    assertThat(sizer.next(1000, Duration.ofSeconds(30))).isEqualTo(500);
    assertThat(sizer.next(1000, Duration.ofMillis(250))).isEqualTo(800);
  }

  @Test
  void staysWhenOnTarget() {
    assertThat(sizer.next(1000, Duration.ofMillis(200))).isEqualTo(1000);
  }

  @Test
  void keepsWithinBounds() {
    assertThat(sizer.next(40_000, Duration.ofMillis(10))).isEqualTo(50_000);
    assertThat(sizer.next(150, Duration.ofSeconds(5))).isEqualTo(100);
    assertThat(sizer.initial(5_000_000)).isEqualTo(50_000);
    assertThat(sizer.initial(5)).isEqualTo(100);
  }
}
