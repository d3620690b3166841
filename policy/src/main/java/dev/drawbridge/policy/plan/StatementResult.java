package dev.drawbridge.policy.plan;

import dev.drawbridge.policy.risk.Finding;
import dev.drawbridge.policy.risk.RiskReport;
import dev.drawbridge.policy.risk.Verdict;
import java.util.List;
import java.util.Objects;

/** The policy engine's answer for one statement. */
public sealed interface StatementResult {

  /** The statement's source text, as it arrived. */
  String sql();

  Verdict verdict();

  List<Finding> findings();

  /** What to tell the user: why, and what to do instead. */
  String explanation();

  /**
   * The statement was parsed and judged. {@code plan} is how to run it (one step when safe, the
   * staged alternative or "as written, needs approval" when unsafe); {@code fingerprint} is the
   * SHA-256 an approval binds to.
   */
  record Judged(String sql, RiskReport report, StagedPlan plan, String fingerprint)
      implements StatementResult {
    public Judged {
      Objects.requireNonNull(sql);
      Objects.requireNonNull(report);
      Objects.requireNonNull(plan);
      Objects.requireNonNull(fingerprint);
    }

    @Override
    public Verdict verdict() {
      return report.verdict();
    }

    @Override
    public List<Finding> findings() {
      return report.findings();
    }

    @Override
    public String explanation() {
      return report.explanation();
    }
  }

  /** The statement is outside what Drawbridge can parse: fail closed. */
  record NotUnderstood(String sql, String reason) implements StatementResult {
    public NotUnderstood {
      Objects.requireNonNull(sql);
      Objects.requireNonNull(reason);
    }

    @Override
    public Verdict verdict() {
      return Verdict.NOT_UNDERSTOOD;
    }

    @Override
    public List<Finding> findings() {
      return List.of();
    }

    @Override
    public String explanation() {
      return "Drawbridge does not understand this statement ("
          + reason
          + "), so it is not"
          + " forwarded. Rewrite it in a supported form or ask for an approval as written.";
    }
  }
}
