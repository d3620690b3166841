package dev.drawbridge.policy.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The facts, risk and plan packages are pure functions of immutable inputs: no I/O, no clock, no
 * randomness, no JSON library (house rules 5 and 6).
 */
class PurityTest {

  private static final List<String> FORBIDDEN =
      List.of(
          "java.io.File",
          "java.nio.file",
          "java.net.",
          "Instant.now",
          "LocalDateTime.now",
          "System.currentTimeMillis",
          "System.nanoTime",
          "java.time.Clock",
          "java.util.Random",
          "ThreadLocalRandom",
          "Thread.sleep",
          "com.fasterxml",
          "System.getenv",
          "System.getProperty");

  @Test
  void mainSourcesOfFactsRiskAndPlanArePure() throws IOException {
    Path base = Path.of("src/main/java/dev/drawbridge/policy");
    int files = 0;
    for (String pkg : List.of("facts", "risk", "plan")) {
      try (Stream<Path> s = Files.walk(base.resolve(pkg))) {
        for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
          String src = Files.readString(p);
          for (String bad : FORBIDDEN) {
            assertThat(src).as(p + " uses " + bad).doesNotContain(bad);
          }
          files++;
        }
      }
    }
    assertThat(files).isGreaterThan(20);
  }
}
