package dev.drawbridge.gateway.plan;

import dev.drawbridge.policy.plan.StagedPlan;
import dev.drawbridge.policy.risk.Finding;
import dev.drawbridge.policy.risk.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of an input file as the {@code plan} command judged it.
 *
 * @param source the file name ({@code -} for stdin)
 * @param index zero-based position among the file's statements
 * @param line one-based line of its first token
 * @param sql its text
 * @param statementClass the lexer's class, lower case ({@code ddl}, {@code write}, ...)
 * @param verdict safe, unsafe or not understood
 * @param findings the rules it hit (advisory ones included)
 * @param plan the staged plan, for statements the policy judged
 * @param fingerprint the plan's fingerprint, for statements the policy judged
 * @param explanation why, in words
 * @param notes facts that changed the outcome
 */
public record PlannedStatement(
    String source,
    int index,
    int line,
    String sql,
    String statementClass,
    Verdict verdict,
    List<Finding> findings,
    Optional<StagedPlan> plan,
    Optional<String> fingerprint,
    String explanation,
    List<String> notes) {

  public PlannedStatement {
    Objects.requireNonNull(source);
    Objects.requireNonNull(sql);
    Objects.requireNonNull(statementClass);
    Objects.requireNonNull(verdict);
    findings = List.copyOf(findings);
    Objects.requireNonNull(plan);
    Objects.requireNonNull(fingerprint);
    Objects.requireNonNull(explanation);
    notes = List.copyOf(notes);
  }

  /** Whether this statement makes the command exit 1. */
  public boolean blocking() {
    return verdict != Verdict.SAFE;
  }
}
