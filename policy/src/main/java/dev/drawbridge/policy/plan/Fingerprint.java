package dev.drawbridge.policy.plan;

import dev.drawbridge.policy.risk.model.DdlStatement;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 (hex) that approvals bind to, computed over the statement rendered from its tree (so
 * whitespace, comments and keyword case do not matter) and every plan step. Same statement and
 * plan, same fingerprint; any change to a table, column, default or step changes it.
 */
public final class Fingerprint {

  private static final String VERSION = "drawbridge-plan-v1";

  private Fingerprint() {}

  public static String of(DdlStatement statement, StagedPlan plan) {
    return sha256(canonical(statement, plan));
  }

  /** The exact text hashed, for audit and debugging. */
  public static String canonical(DdlStatement statement, StagedPlan plan) {
    StringBuilder sb = new StringBuilder(VERSION).append('\n');
    sb.append("statement\t").append(SqlRenderer.statement(statement)).append('\n');
    sb.append("online\t").append(plan.online()).append('\n');
    for (PlanStep s : plan.steps()) {
      sb.append("step\t").append(s.number()).append('\t').append(s.kind()).append('\t');
      sb.append(s.transactional() ? "tx" : "no-tx").append('\n');
      for (String q : s.sql()) {
        sb.append("sql\t").append(q).append('\n');
      }
      for (String q : s.rollbackSql()) {
        sb.append("rollback\t").append(q).append('\n');
      }
      s.backfill().ifPresent(b -> sb.append("batch\t").append(b.batchSize()).append('\n'));
    }
    return sb.toString();
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
