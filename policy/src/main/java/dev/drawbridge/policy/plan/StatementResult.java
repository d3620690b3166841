package dev.drawbridge.policy.plan;

import dev.drawbridge.policy.risk.Finding;
import dev.drawbridge.policy.risk.RiskReport;
import dev.drawbridge.policy.risk.Verdict;
import dev.drawbridge.policy.sql.StatementClass;
import java.util.List;
import java.util.Objects;

/**
 * The policy engine's answer for one statement: {@link Judged} (DDL parsed and judged by the
 * schema-change rules), {@link Classified} (a statement that is not DDL: the lexer's class says
 * what it is, and the schema-change rules do not apply to it) or {@link NotUnderstood} (fail
 * closed).
 */
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

  /**
   * A statement that is not DDL (READ, WRITE, SESSION, TRANSACTION, PRIVILEGE, ROLE_CHANGE), as the
   * lexer/classifier of {@code dev.drawbridge.policy.sql} classified it. The schema-change rules do
   * not apply, so the verdict is {@link Verdict#SAFE} <em>as far as those rules go</em>: whether
   * the principal may run it is for the access rules ({@code dev.drawbridge.policy.access}), which
   * decide on {@code statementClass}.
   *
   * @param command the leading key words, upper case ({@code SELECT}, {@code BEGIN}, {@code SET})
   * @param notes what the engine noticed without judging (e.g. DML while an earlier statement of
   *     the transaction holds ACCESS EXCLUSIVE locks)
   */
  record Classified(String sql, StatementClass statementClass, String command, List<String> notes)
      implements StatementResult {
    public Classified {
      Objects.requireNonNull(sql);
      Objects.requireNonNull(statementClass);
      Objects.requireNonNull(command);
      notes = List.copyOf(notes);
      if (statementClass == StatementClass.DDL
          || statementClass == StatementClass.PROCEDURAL
          || statementClass == StatementClass.UNKNOWN) {
        throw new IllegalArgumentException(statementClass + " statements are judged or refused");
      }
    }

    @Override
    public Verdict verdict() {
      return Verdict.SAFE;
    }

    @Override
    public List<Finding> findings() {
      return List.of();
    }

    @Override
    public String explanation() {
      String base =
          command
              + " is a "
              + statementClass
              + " statement, not a schema change: the schema-change rules do not apply (access"
              + " rules still do).";
      return notes.isEmpty() ? base : base + " " + String.join(" ", notes);
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
