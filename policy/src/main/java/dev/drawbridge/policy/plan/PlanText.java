package dev.drawbridge.policy.plan;

import dev.drawbridge.policy.risk.Finding;

/**
 * Human-readable rendering of a {@link StatementResult}, for the {@code plan} command and tests.
 */
public final class PlanText {

  private PlanText() {}

  public static String render(StatementResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("statement: ").append(r.sql()).append('\n');
    sb.append("verdict: ").append(r.verdict()).append('\n');
    for (Finding f : r.findings()) {
      sb.append("finding: ").append(f.ruleId());
      f.lock().ifPresent(l -> sb.append(" [").append(l.pgName()).append(']'));
      sb.append(f.rewrite() ? " rewrite" : "").append(f.scan() ? " scan" : "");
      sb.append(" - ").append(f.message()).append('\n');
    }
    sb.append("explanation: ").append(r.explanation()).append('\n');
    if (r instanceof StatementResult.Judged j) {
      j.report().notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
      StagedPlan p = j.plan();
      sb.append("plan").append(p.online() ? "" : " (no online alternative: approval as written)");
      sb.append(":\n");
      for (PlanStep s : p.steps()) {
        sb.append("  ").append(s.number()).append(". ").append(s.kind());
        sb.append(s.transactional() ? "" : " (outside a transaction)");
        sb.append(" - ").append(s.description()).append('\n');
        s.sql().forEach(q -> sb.append("       sql: ").append(q).append(";\n"));
        s.rollbackSql().forEach(q -> sb.append("       rollback: ").append(q).append(";\n"));
        s.notes().forEach(n -> sb.append("       note: ").append(n).append('\n'));
      }
      p.notes().forEach(n -> sb.append("  note: ").append(n).append('\n'));
      sb.append("fingerprint: ").append(j.fingerprint()).append('\n');
    }
    return sb.toString();
  }
}
