package dev.drawbridge.gateway.truth;

import dev.drawbridge.policy.plan.BackfillSpec;
import dev.drawbridge.policy.plan.PlanStep;
import dev.drawbridge.policy.plan.StagedPlan;
import dev.drawbridge.policy.plan.StepKind;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal executor for staged plans in tests: transactional steps in one transaction each,
 * non-transactional ones statement by statement in autocommit, backfills as the batched UPDATE they
 * describe (key ranges over the primary key, or ctid page ranges), manual steps skipped.
 */
final class PlanRunner {

  private PlanRunner() {}

  /** Runs every step; returns the steps it skipped (manual ones). */
  static List<PlanStep> run(Connection c, StagedPlan plan) throws SQLException {
    List<PlanStep> skipped = new ArrayList<>();
    for (PlanStep step : plan.steps()) {
      if (step.kind() == StepKind.MANUAL) {
        skipped.add(step);
        continue;
      }
      if (step.backfill().isPresent()) {
        backfill(c, step.backfill().get());
        continue;
      }
      execute(c, step.sql(), step.transactional());
    }
    return skipped;
  }

  /** Runs the rollbacks of every step, last step first. */
  static void rollback(Connection c, StagedPlan plan) throws SQLException {
    List<PlanStep> steps = new ArrayList<>(plan.steps());
    java.util.Collections.reverse(steps);
    for (PlanStep step : steps) {
      if (!step.rollbackSql().isEmpty()) {
        execute(c, step.rollbackSql(), step.transactional());
      }
    }
  }

  static void execute(Connection c, List<String> statements, boolean transactional)
      throws SQLException {
    c.setAutoCommit(!transactional);
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
      if (transactional) {
        c.commit();
      }
    } catch (SQLException e) {
      if (transactional) {
        c.rollback();
      }
      throw new SQLException("failed running " + statements + ": " + e.getMessage(), e);
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void backfill(Connection c, BackfillSpec spec) throws SQLException {
    c.setAutoCommit(true);
    String template = spec.batchSql().replace("$1", "?").replace("$2", "?");
    String table = SqlRenderer.name(spec.table());
    if (spec.key().isPresent()) {
      String key = SqlRenderer.ident(spec.key().get());
      long lo;
      long hi;
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT coalesce(min("
                      + key
                      + "), 0), coalesce(max("
                      + key
                      + "), 0) FROM "
                      + table)) {
        rs.next();
        lo = rs.getLong(1) - 1;
        hi = rs.getLong(2);
      }
      try (PreparedStatement p = c.prepareStatement(template)) {
        for (long from = lo; from < hi; from += spec.batchSize()) {
          p.setLong(1, from);
          p.setLong(2, Math.min(from + spec.batchSize(), hi));
          p.executeUpdate();
        }
      }
      return;
    }
    long pages;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pg_relation_size('" + table + "') / current_setting('block_size')::int")) {
      rs.next();
      pages = rs.getLong(1);
    }
    try (PreparedStatement p = c.prepareStatement(template)) {
      for (long page = 0; page <= pages; page += 10) {
        p.setString(1, "(" + page + ",0)");
        p.setString(2, "(" + (page + 10) + ",0)");
        p.executeUpdate();
      }
    }
  }
}
