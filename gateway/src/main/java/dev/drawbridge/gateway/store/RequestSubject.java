package dev.drawbridge.gateway.store;

import java.time.Duration;
import java.util.Objects;

/** What a change request asks for: one statement with its staged plan, or an access level. */
public sealed interface RequestSubject {

  /** The kind as stored: {@code statement} or {@code elevation}. */
  String kind();

  /**
   * A statement that needs approval.
   *
   * @param statement the SQL as the client sent it
   * @param fingerprint the plan fingerprint a grant binds to
   * @param planJson the staged plan
   * @param riskJson verdict and findings
   * @param factsJson the catalog facts the verdict was based on
   */
  record StatementChange(
      String statement, String fingerprint, String planJson, String riskJson, String factsJson)
      implements RequestSubject {
    public StatementChange {
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(planJson, "planJson");
      Objects.requireNonNull(riskJson, "riskJson");
      Objects.requireNonNull(factsJson, "factsJson");
    }

    @Override
    public String kind() {
      return "statement";
    }
  }

  /**
   * Plain JIT elevation: an access level on the request's database for a while.
   *
   * @param level what to grant
   * @param duration how long the requester asked for
   */
  record Elevation(AccessLevel level, Duration duration) implements RequestSubject {
    public Elevation {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(duration, "duration");
      if (duration.toSeconds() < 1) {
        throw new IllegalArgumentException("an elevation must last at least one second");
      }
    }

    @Override
    public String kind() {
      return "elevation";
    }
  }
}
