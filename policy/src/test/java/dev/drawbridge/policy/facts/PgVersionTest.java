package dev.drawbridge.policy.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PgVersionTest {

  @ParameterizedTest
  @CsvSource({
    "15.4, 15, 4",
    "17devel, 17, 0",
    "16beta2, 16, 0",
    "18rc1, 18, 0",
    "10.23, 10, 23",
    "9.6.24, 9, 24",
    "150004, 15, 4",
    "170000, 17, 0",
    "90624, 9, 24",
    "'15.4 (Debian 15.4-1.pgdg120+1)', 15, 4",
    "' 12.1 ', 12, 1",
  })
  void parses(String text, int major, int minor) {
    assertThat(PgVersion.parse(text)).contains(new PgVersion(major, minor));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "devel", "1.2", "v15"})
  void rejects(String text) {
    assertThat(PgVersion.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void ordersAndGates() {
    assertThat(new PgVersion(14, 3)).isLessThan(new PgVersion(14, 4));
    assertThat(PgVersion.of(12).atLeast(12)).isTrue();
    assertThat(PgVersion.of(11).atLeast(12)).isFalse();
    assertThat(PgVersion.parse(null)).isEqualTo(Optional.empty());
  }
}
