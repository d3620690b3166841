package dev.drawbridge.policy.risk;

import dev.drawbridge.policy.risk.model.DdlStatement;
import java.util.List;
import java.util.Objects;

/**
 * The risk analysis of one statement: verdict, findings (blocking first, then advisory), the
 * statement's effect, notes on facts that changed the outcome (an empty table, a version gate), and
 * an explanation a user can act on.
 */
public record RiskReport(
    DdlStatement statement,
    Verdict verdict,
    List<Finding> findings,
    Effect effect,
    List<String> notes,
    String explanation) {
  public RiskReport {
    Objects.requireNonNull(statement);
    Objects.requireNonNull(verdict);
    findings = List.copyOf(findings);
    Objects.requireNonNull(effect);
    notes = List.copyOf(notes);
    Objects.requireNonNull(explanation);
  }

  public List<String> ruleIds() {
    return findings.stream().map(Finding::ruleId).toList();
  }

  public boolean has(RuleId rule) {
    return findings.stream().anyMatch(f -> f.rule() == rule);
  }
}
