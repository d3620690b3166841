package dev.drawbridge.gateway.plan;

import dev.drawbridge.policy.plan.PlanStep;
import dev.drawbridge.policy.plan.StagedPlan;
import dev.drawbridge.policy.risk.Finding;
import dev.drawbridge.policy.risk.Verdict;
import java.util.List;

/**
 * The {@code plan} command's text output, read like a linter's: {@code file:line: rule-id: message}
 * for each finding, then why and what to do, the staged plan with each step's rollback, and a
 * summary line. Safe statements print only their advisory findings.
 */
public final class TextRenderer {

  private TextRenderer() {}

  public static String render(List<PlannedStatement> statements) {
    StringBuilder sb = new StringBuilder();
    int unsafe = 0;
    int notUnderstood = 0;
    for (PlannedStatement s : statements) {
      String where = s.source() + ":" + s.line() + ": ";
      if (s.verdict() == Verdict.NOT_UNDERSTOOD) {
        notUnderstood++;
        sb.append(where).append("not-understood: ").append(oneLine(s.sql(), 80)).append('\n');
        sb.append("  why: ").append(s.explanation()).append("\n\n");
        continue;
      }
      if (s.verdict() == Verdict.SAFE) {
        for (Finding f : s.findings()) {
          sb.append(where).append(f.ruleId()).append(" (advisory): ").append(f.message());
          sb.append('\n');
        }
        continue;
      }
      unsafe++;
      for (Finding f : s.findings()) {
        sb.append(where).append(f.ruleId()).append(f.advisory() ? " (advisory)" : "");
        sb.append(": ").append(f.message()).append('\n');
        sb.append("  ").append(effect(f)).append('\n');
        if (!f.advisory()) {
          sb.append("  instead: ").append(f.rule().instead()).append('\n');
        }
      }
      sb.append("  statement: ").append(oneLine(s.sql(), 200)).append('\n');
      sb.append("  why: ").append(s.explanation()).append('\n');
      s.notes().forEach(n -> sb.append("  note: ").append(n).append('\n'));
      if (s.plan().isPresent()) {
        plan(sb, s.plan().get(), s.fingerprint().orElse(""));
      }
      sb.append('\n');
    }
    int safe = statements.size() - unsafe - notUnderstood;
    sb.append(statements.size())
        .append(statements.size() == 1 ? " statement: " : " statements: ")
        .append(safe)
        .append(" safe, ")
        .append(unsafe)
        .append(" unsafe, ")
        .append(notUnderstood)
        .append(" not understood\n");
    return sb.toString();
  }

  private static String effect(Finding f) {
    StringBuilder sb = new StringBuilder();
    sb.append("lock: ").append(f.lock().map(l -> l.pgName()).orElse("none"));
    if (!f.tables().isEmpty()) {
      sb.append(" on ").append(f.tables());
    }
    sb.append("; rewrite: ").append(f.rewrite() ? "yes" : "no");
    sb.append("; scan: ").append(f.scan() ? "yes" : "no");
    return sb.toString();
  }

  private static void plan(StringBuilder sb, StagedPlan p, String fingerprint) {
    sb.append(
        p.online() ? "  staged plan" : "  plan (no online alternative: needs approval as written)");
    sb.append(" [fingerprint ").append(fingerprint, 0, Math.min(16, fingerprint.length()));
    sb.append("]:\n");
    for (PlanStep s : p.steps()) {
      sb.append("    ").append(s.number()).append(". ").append(JsonRenderer.kind(s));
      sb.append(s.transactional() ? "" : " (autocommit, outside a transaction)");
      sb.append(": ").append(s.description()).append('\n');
      s.sql().forEach(q -> sb.append("       ").append(q).append(";\n"));
      if (s.rollbackSql().isEmpty()) {
        sb.append("       rollback: (nothing to undo)\n");
      } else {
        s.rollbackSql().forEach(q -> sb.append("       rollback: ").append(q).append(";\n"));
      }
      s.notes().forEach(n -> sb.append("       note: ").append(n).append('\n'));
    }
    p.notes().forEach(n -> sb.append("    note: ").append(n).append('\n'));
  }

  private static String oneLine(String sql, int max) {
    String s = sql.replaceAll("\\s+", " ").strip();
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
