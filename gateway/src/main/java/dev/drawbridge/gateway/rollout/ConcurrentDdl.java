package dev.drawbridge.gateway.rollout;

import dev.drawbridge.policy.plan.RetryPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a non-transactional step (CREATE INDEX CONCURRENTLY and the like): each statement alone, in
 * autocommit, under a lock timeout. A build that fails leaves an INVALID index behind, which a
 * later {@code IF NOT EXISTS} would accept: after any failure (and before a retried step starts)
 * every index the step builds is checked for {@code indisvalid} and an invalid one is dropped with
 * {@code DROP INDEX CONCURRENTLY}. Lock timeouts and deadlocks are retried with backoff; other
 * errors fail the step.
 */
final class ConcurrentDdl {

  private final DdlConnections ddl;
  private final RetryPolicy retry;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final RolloutMetrics metrics;

  ConcurrentDdl(
      DdlConnections ddl,
      RetryPolicy retry,
      Backoff backoff,
      Sleeper sleeper,
      RolloutMetrics metrics) {
    this.ddl = Objects.requireNonNull(ddl, "ddl");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  void run(
      List<String> statements, List<String> indexes, Duration statementTimeout, StepContext ctx)
      throws StepContext.Failed, StepContext.Stopped {
    try (Connection c = ddl.open(ctx.database())) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("SET lock_timeout = '" + retry.lockTimeout().toMillis() + "ms'");
        s.execute("SET statement_timeout = '" + statementTimeout.toMillis() + "ms'");
      }
      dropInvalid(c, indexes, ctx);
      for (String sql : statements) {
        runOne(c, sql, indexes, ctx);
      }
    } catch (SQLException e) {
      throw new StepContext.Failed("cannot reach the upstream: " + SqlStates.describe(e), e);
    }
  }

  private void runOne(Connection c, String sql, List<String> indexes, StepContext ctx)
      throws SQLException, StepContext.Failed, StepContext.Stopped {
    for (int attempt = 1; ; attempt++) {
      ctx.checkStop();
      try (Statement s = c.createStatement()) {
        s.execute(sql);
        return;
      } catch (SQLException e) {
        boolean cleaned = dropInvalid(c, indexes, ctx);
        if (SqlStates.DUPLICATE_TABLE.equals(e.getSQLState()) && !cleaned && allValid(c, indexes)) {
          ctx.report("the index already exists and is valid (an earlier attempt built it)");
          return;
        }
        if (!SqlStates.retryable(e) || attempt >= retry.maxAttempts()) {
          throw new StepContext.Failed(
              SqlStates.describe(e) + (cleaned ? "; the invalid index it left was dropped" : ""),
              e);
        }
        metrics.lockRetry();
        Duration wait = backoff.after(attempt);
        ctx.report("lock timeout (attempt " + attempt + "); retrying in " + wait.toMillis() + "ms");
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new StepContext.Stopped(Stop.PAUSE);
        }
      }
    }
  }

  /** Drops every index of the step that exists but is invalid; true when it dropped one. */
  private static boolean dropInvalid(Connection c, List<String> indexes, StepContext ctx)
      throws SQLException {
    boolean dropped = false;
    for (String index : indexes) {
      if (valid(c, index).orElse(true)) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
      }
      ctx.report("dropped the invalid index " + index + " a failed build left");
      dropped = true;
    }
    return dropped;
  }

  private static boolean allValid(Connection c, List<String> indexes) throws SQLException {
    if (indexes.isEmpty()) {
      return false;
    }
    for (String index : indexes) {
      if (!valid(c, index).orElse(false)) {
        return false;
      }
    }
    return true;
  }

  /** {@code indisvalid} of the index; empty when there is no such index. */
  static Optional<Boolean> valid(Connection c, String index) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
      ps.setString(1, index);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
      }
    }
  }
}
