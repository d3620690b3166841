package dev.drawbridge.gateway.rollout;

import dev.drawbridge.policy.plan.RetryPolicy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs a transactional step's statements in one transaction under {@code SET LOCAL lock_timeout}
 * and a statement timeout. On a lock timeout (55P03) or deadlock it rolls back, reports who blocked
 * it, backs off with jitter and tries again, up to the policy's attempts; a statement timeout
 * (57014) or any other error fails the step at once (after the rollback). While a statement waits,
 * its blockers are looked up and reported.
 */
final class LockingDdl {

  private final DdlConnections ddl;
  private final RetryPolicy retry;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Duration blockerPoll;
  private final RolloutMetrics metrics;

  LockingDdl(
      DdlConnections ddl,
      RetryPolicy retry,
      Backoff backoff,
      Sleeper sleeper,
      Duration blockerPoll,
      RolloutMetrics metrics) {
    this.ddl = Objects.requireNonNull(ddl, "ddl");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.blockerPoll = Objects.requireNonNull(blockerPoll, "blockerPoll");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Runs {@code statements} in one transaction, retrying on lock timeouts. */
  void run(List<String> statements, Duration statementTimeout, StepContext ctx)
      throws StepContext.Failed, StepContext.Stopped {
    for (int attempt = 1; ; attempt++) {
      ctx.checkStop();
      List<Blocker> blockers;
      try (Connection c = ddl.open(ctx.database())) {
        c.setAutoCommit(false);
        int pid = backendPid(c);
        try (Statement s = c.createStatement()) {
          s.execute("SET LOCAL lock_timeout = '" + retry.lockTimeout().toMillis() + "ms'");
          s.execute("SET LOCAL statement_timeout = '" + statementTimeout.toMillis() + "ms'");
        }
        try (BlockerWatch watch =
            BlockerWatch.start(
                ddl,
                ctx.database(),
                pid,
                blockerPoll,
                sleeper,
                found -> ctx.report("waiting for a lock, blocked by " + Blocker.describe(found)))) {
          try (Statement s = c.createStatement()) {
            for (String sql : statements) {
              s.execute(sql);
            }
            ctx.committing(currentXid(c));
            c.commit();
            return;
          } catch (StepContext.Stopped stopped) {
            rollbackQuietly(c, new SQLException("stopped"));
            throw stopped;
          } catch (SQLException e) {
            rollbackQuietly(c, e);
            if (!SqlStates.retryable(e)) {
              throw new StepContext.Failed(SqlStates.describe(e), e);
            }
            blockers = watch.seen();
          }
        }
      } catch (SQLException e) {
        throw new StepContext.Failed("cannot reach the upstream: " + SqlStates.describe(e), e);
      }
      metrics.lockRetry();
      String who = blockers.isEmpty() ? "" : "; blocked by " + Blocker.describe(blockers);
      if (attempt >= retry.maxAttempts()) {
        throw new StepContext.Failed(
            "no lock within "
                + retry.lockTimeout().toMillis()
                + "ms in "
                + attempt
                + " attempts"
                + who,
            null);
      }
      Duration wait = backoff.after(attempt);
      ctx.report(
          "lock timeout (attempt "
              + attempt
              + " of "
              + retry.maxAttempts()
              + ")"
              + who
              + "; retrying in "
              + wait.toMillis()
              + "ms");
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StepContext.Stopped(Stop.PAUSE);
      }
    }
  }

  /** The current transaction's id (assigning one), as {@code txid_status} takes it. */
  static String currentXid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT txid_current()::text")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Whether the transaction {@code xid} committed: {@code committed}, {@code aborted}, {@code in
   * progress}, or empty when PostgreSQL no longer knows (too old).
   */
  static java.util.Optional<String> status(Connection c, String xid) throws SQLException {
    try (java.sql.PreparedStatement ps =
        c.prepareStatement("SELECT txid_status(CAST(? AS bigint))")) {
      ps.setString(1, xid);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return java.util.Optional.ofNullable(rs.getString(1));
      }
    }
  }

  static int backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void rollbackQuietly(Connection c, SQLException cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
