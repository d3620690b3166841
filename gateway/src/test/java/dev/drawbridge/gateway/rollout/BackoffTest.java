package dev.drawbridge.gateway.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new SplittableRandom(42));

  @Test
  void doublesWithJitterBetweenHalfAndAllOfTheCeiling() {
    for (int attempt = 1; attempt <= 6; attempt++) {
      long ceiling = 1000L << (attempt - 1);
      for (int i = 0; i < 50; i++) {
        assertThat(backoff.after(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
      }
    }
  }

  @Test
  void isCappedAtTheMaximum() {
    for (int i = 0; i < 50; i++) {
      assertThat(backoff.after(30)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
    }
  }

  @Test
  void spreadsRetriesOut() {
    assertThat(
            java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> backoff.after(3))
                .distinct()
                .count())
        .isGreaterThan(10);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> backoff.after(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
