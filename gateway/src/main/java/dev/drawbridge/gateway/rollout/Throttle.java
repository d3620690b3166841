package dev.drawbridge.gateway.rollout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds a backfill back while standbys lag ({@code pg_stat_replication.replay_lag}) or sessions
 * queue for locks on its table, re-checking after a pause, so that the backfill yields to
 * production traffic.
 */
final class Throttle {

  private final Duration maxReplicationLag;
  private final int maxLockWaiters;
  private final Duration pause;
  private final Sleeper sleeper;
  private final RolloutMetrics metrics;

  Throttle(
      Duration maxReplicationLag,
      int maxLockWaiters,
      Duration pause,
      Sleeper sleeper,
      RolloutMetrics metrics) {
    this.maxReplicationLag = Objects.requireNonNull(maxReplicationLag, "maxReplicationLag");
    this.maxLockWaiters = maxLockWaiters;
    this.pause = Objects.requireNonNull(pause, "pause");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Returns once the upstream is calm enough for the next batch on {@code table}. */
  void await(Connection c, String table, StepContext ctx) throws SQLException, StepContext.Stopped {
    while (true) {
      Optional<String> reason = reason(c, table);
      if (reason.isEmpty()) {
        return;
      }
      metrics.throttled();
      ctx.report("throttled: " + reason.get());
      ctx.checkStop();
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StepContext.Stopped(Stop.PAUSE);
      }
    }
  }

  /** Why the next batch must wait, if it must. */
  Optional<String> reason(Connection c, String table) throws SQLException {
    double lag;
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT coalesce(max(extract(epoch FROM replay_lag)), 0) FROM"
                    + " pg_stat_replication");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      lag = rs.getDouble(1);
    }
    if (lag * 1000 > maxReplicationLag.toMillis()) {
      return Optional.of(
          String.format("replication lag %.1fs is above %ds", lag, maxReplicationLag.toSeconds()));
    }
    int waiters;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = to_regclass(?)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        waiters = rs.getInt(1);
      }
    }
    if (waiters > maxLockWaiters) {
      return Optional.of(
          waiters + " sessions wait for locks on " + table + " (more than " + maxLockWaiters + ")");
    }
    return Optional.empty();
  }
}
