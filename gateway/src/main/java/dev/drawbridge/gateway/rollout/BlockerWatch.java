package dev.drawbridge.gateway.rollout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * While a DDL statement runs, looks up on a second connection which sessions block it ({@code
 * pg_blocking_pids}) and reports them, so that people see who holds the lock while the gateway
 * waits (never longer than the lock timeout).
 */
final class BlockerWatch implements AutoCloseable {

  private static final String BLOCKERS =
      "SELECT a.pid, coalesce(a.usename, ''), coalesce(a.application_name, ''),"
          + " coalesce(a.state, ''), coalesce(extract(epoch FROM now() - a.xact_start)::bigint, -1)"
          + " FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.pid";

  private final AtomicReference<List<Blocker>> seen = new AtomicReference<>(List.of());
  private final DdlConnections ddl;
  private final String database;
  private final int pid;
  private final Duration interval;
  private final Sleeper sleeper;
  private final Consumer<List<Blocker>> report;
  private final Thread thread;

  private BlockerWatch(
      DdlConnections ddl,
      String database,
      int pid,
      Duration interval,
      Sleeper sleeper,
      Consumer<List<Blocker>> report) {
    this.ddl = ddl;
    this.database = database;
    this.pid = pid;
    this.interval = interval;
    this.sleeper = sleeper;
    this.report = report;
    this.thread = Thread.ofVirtual().name("drawbridge-blockers-" + pid).unstarted(this::watch);
  }

  /** Starts watching backend {@code pid}; reports every new non-empty set of blockers. */
  static BlockerWatch start(
      DdlConnections ddl,
      String database,
      int pid,
      Duration interval,
      Sleeper sleeper,
      Consumer<List<Blocker>> report) {
    BlockerWatch w = new BlockerWatch(ddl, database, pid, interval, sleeper, report);
    w.thread.start();
    return w;
  }

  private void watch() {
    try (Connection c = ddl.open(database)) {
      c.setAutoCommit(true);
      while (!Thread.currentThread().isInterrupted()) {
        sleeper.sleep(interval);
        List<Blocker> now = blockers(c, pid);
        if (!now.isEmpty() && !now.equals(seen.get())) {
          seen.set(now);
          report.accept(now);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException e) {
      // best effort: the statement goes on, and the lock timeout still bounds its wait
    }
  }

  /** The blockers seen last, empty if none were seen. */
  List<Blocker> seen() {
    return seen.get();
  }

  static List<Blocker> blockers(Connection c, int pid) throws SQLException {
    List<Blocker> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(BLOCKERS)) {
      ps.setInt(1, pid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Blocker(
                  rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
