package dev.drawbridge.gateway.rollout;

import dev.drawbridge.policy.plan.RetryPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a backfill in short autocommit batches: {@code UPDATE t SET c = v WHERE <range> AND c IS
 * NULL}, so only rows that still need it are touched and a batch that runs twice changes nothing.
 *
 * <p>With a single-column primary key the ranges are keyset pages: the next batch's upper bound is
 * the {@code size}-th key above the last checkpoint. Without one, ranges are heap pages by {@code
 * ctid} ({@code ctid >= '(lo,0)' AND ctid < '(hi,0)'}, a TID range scan on PostgreSQL ≥ 14); an
 * updated row moves to a new tuple, but it is no longer NULL, so it is not visited twice, and rows
 * inserted meanwhile get the column's default. Either way the table's end is read again for every
 * batch, so rows inserted during the backfill are covered.
 *
 * <p>After each committed batch the position is checkpointed in the state store; a resumed backfill
 * starts after it. If a gateway dies between a batch's commit and its checkpoint, that one range is
 * scanned again and updates nothing (the {@code IS NULL} predicate). The batch size is adapted
 * toward the target duration; between batches the throttle waits out replication lag and lock
 * queues.
 */
final class Backfiller {

  /** Rows per heap page assumed when sizing ctid batches. */
  private static final int ROWS_PER_PAGE = 50;

  private final DdlConnections ddl;
  private final RolloutSettings settings;
  private final RetryPolicy retry;
  private final Backoff backoff;
  private final Throttle throttle;
  private final Sleeper sleeper;
  private final RolloutMetrics metrics;

  Backfiller(
      DdlConnections ddl,
      RolloutSettings settings,
      RetryPolicy retry,
      Backoff backoff,
      Throttle throttle,
      Sleeper sleeper,
      RolloutMetrics metrics) {
    this.ddl = Objects.requireNonNull(ddl, "ddl");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Fills every row that still needs it, starting after {@code checkpoint}.
   *
   * @param checkpoint the last committed position: a key, or the next heap page
   * @param batchSize the size the last batch used, to continue with
   * @param knownTotal whether the total was already estimated
   */
  void run(
      BackfillTarget target,
      Optional<String> checkpoint,
      Optional<Integer> batchSize,
      boolean knownTotal,
      StepContext ctx)
      throws StepContext.Failed, StepContext.Stopped {
    try (Connection c = ddl.open(ctx.database())) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("SET lock_timeout = '" + retry.lockTimeout().toMillis() + "ms'");
        s.execute(
            "SET statement_timeout = '" + settings.batchStatementTimeout().toMillis() + "ms'");
      }
      if (!knownTotal) {
        ctx.rowsTotal(estimateRemaining(c, target));
      }
      if (target.key().isPresent()) {
        byKey(c, target, target.key().get(), checkpoint, batchSize, ctx);
      } else {
        byPage(c, target, checkpoint, batchSize, ctx);
      }
    } catch (SQLException e) {
      throw new StepContext.Failed("backfill failed: " + SqlStates.describe(e), e);
    }
  }

  private void byKey(
      Connection c,
      BackfillTarget t,
      String key,
      Optional<String> checkpoint,
      Optional<Integer> lastSize,
      StepContext ctx)
      throws SQLException, StepContext.Failed, StepContext.Stopped {
    Optional<String> keyType = keyType(c, t, key);
    if (keyType.isEmpty()) {
      return; // empty table
    }
    String cast = "CAST(? AS " + keyType.get() + ")";
    BatchSizer sizer =
        new BatchSizer(
            settings.targetBatchDuration(), settings.minBatchSize(), settings.maxBatchSize());
    int size = lastSize.orElse(sizer.initial(t.batchSize()));
    Optional<String> lo = checkpoint;
    while (true) {
      ctx.checkStop();
      throttle.await(c, t.table(), ctx);
      Optional<String> hi = upperKey(c, t, key, cast, lo, size);
      if (hi.isEmpty()) {
        return;
      }
      String sql =
          "UPDATE "
              + t.table()
              + " SET "
              + t.column()
              + " = "
              + t.value()
              + " WHERE "
              + (lo.isPresent() ? key + " > " + cast + " AND " : "")
              + key
              + " <= "
              + cast
              + " AND "
              + t.stillNeeded();
      Optional<String> from = lo;
      long started = System.nanoTime();
      long rows =
          batch(
              c,
              sql,
              ps -> {
                int i = 1;
                if (from.isPresent()) {
                  ps.setString(i++, from.get());
                }
                ps.setString(i, hi.get());
              },
              ctx);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      metrics.batch(elapsed, rows);
      ctx.checkpoint(hi.get(), size, rows);
      size = sizer.next(size, elapsed);
      lo = hi;
      pause();
    }
  }

  private void byPage(
      Connection c,
      BackfillTarget t,
      Optional<String> checkpoint,
      Optional<Integer> lastSize,
      StepContext ctx)
      throws SQLException, StepContext.Failed, StepContext.Stopped {
    BatchSizer sizer =
        new BatchSizer(
            settings.targetBatchDuration(),
            Math.max(1, settings.minBatchSize() / ROWS_PER_PAGE),
            Math.max(1, settings.maxBatchSize() / ROWS_PER_PAGE));
    int pages = lastSize.orElse(sizer.initial(Math.max(1, t.batchSize() / ROWS_PER_PAGE)));
    long lo = checkpoint.map(Long::parseLong).orElse(0L);
    String sql =
        "UPDATE "
            + t.table()
            + " SET "
            + t.column()
            + " = "
            + t.value()
            + " WHERE ctid >= format('(%s,0)', ?::bigint)::tid AND ctid < format('(%s,0)',"
            + " ?::bigint)::tid AND "
            + t.stillNeeded();
    while (lo < heapPages(c, t)) {
      ctx.checkStop();
      throttle.await(c, t.table(), ctx);
      long from = lo;
      long to = lo + pages;
      long started = System.nanoTime();
      long rows =
          batch(
              c,
              sql,
              ps -> {
                ps.setLong(1, from);
                ps.setLong(2, to);
              },
              ctx);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      metrics.batch(elapsed, rows);
      ctx.checkpoint(Long.toString(to), pages, rows);
      pages = sizer.next(pages, elapsed);
      lo = to;
      pause();
    }
  }

  @FunctionalInterface
  private interface Bind {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** One batch in its own autocommit transaction; lock timeouts retried with backoff. */
  private long batch(Connection c, String sql, Bind bind, StepContext ctx)
      throws SQLException, StepContext.Failed, StepContext.Stopped {
    for (int attempt = 1; ; attempt++) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind.bind(ps);
        return ps.executeUpdate();
      } catch (SQLException e) {
        if (!SqlStates.retryable(e) || attempt >= retry.maxAttempts()) {
          throw new StepContext.Failed("backfill batch failed: " + SqlStates.describe(e), e);
        }
        metrics.lockRetry();
        ctx.report("backfill batch hit a lock timeout (attempt " + attempt + "); retrying");
        ctx.checkStop();
        sleep(backoff.after(attempt));
      }
    }
  }

  private void pause() throws StepContext.Stopped {
    sleep(settings.batchPause());
  }

  private void sleep(Duration d) throws StepContext.Stopped {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepContext.Stopped(Stop.PAUSE);
    }
  }

  private static Optional<String> keyType(Connection c, BackfillTarget t, String key)
      throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT pg_typeof(" + key + ")::text FROM " + t.table() + " LIMIT 1")) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }

  /** The {@code size}-th key above {@code lo} (or the last one), empty when none is left. */
  private static Optional<String> upperKey(
      Connection c, BackfillTarget t, String key, String cast, Optional<String> lo, int size)
      throws SQLException {
    String sql =
        "SELECT max(k)::text FROM (SELECT "
            + key
            + " AS k FROM "
            + t.table()
            + (lo.isPresent() ? " WHERE " + key + " > " + cast : "")
            + " ORDER BY "
            + key
            + " LIMIT ?) s";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (lo.isPresent()) {
        ps.setString(i++, lo.get());
      }
      ps.setInt(i, size);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Optional.ofNullable(rs.getString(1));
      }
    }
  }

  private static long heapPages(Connection c, BackfillTarget t) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT pg_relation_size(to_regclass(?)) / current_setting('block_size')::bigint")) {
      ps.setString(1, t.table());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** How many rows still need filling: the planner's estimate, or a count for small tables. */
  private static long estimateRemaining(Connection c, BackfillTarget t) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
      ps.setString(1, t.table());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getLong(1) > 100_000) {
          return rs.getLong(1);
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM " + t.table() + " WHERE " + t.stillNeeded())) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
