package dev.drawbridge.admin.health;

import java.util.List;

/**
 * Whether the gateway can serve clients now.
 *
 * @param ready true when every check passed
 * @param problems one short sentence per failed check; empty when ready
 */
public record Readiness(boolean ready, List<String> problems) {

  public Readiness {
    problems = List.copyOf(problems);
    if (ready != problems.isEmpty()) {
      throw new IllegalArgumentException("ready exactly when there are no problems");
    }
  }

  public static Readiness ok() {
    return new Readiness(true, List.of());
  }

  public static Readiness notReady(List<String> problems) {
    return new Readiness(false, problems);
  }
}
